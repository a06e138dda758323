/** The targets kmsctl is held to, each evaluated against the measurements of one benchmark run. */
import { round, type Measurement } from './measurement.js';

export interface TargetResult {
  id: string;
  target: string;
  measured: string;
  pass: boolean;
}

/** Per-key time of the Terraform model over kmsctl's, for a kmsctl run compared with one. */
export function terraformRatio(runs: readonly Measurement[], run: Measurement): number | undefined {
  const model = runs.find((r) => r.id === run.terraformRun);
  return model === undefined || run.perKeyMs === 0 ? undefined : round(model.perKeyMs / run.perKeyMs, 2);
}

export function evaluateTargets(runs: readonly Measurement[], parallelism: number): TargetResult[] {
  const results: TargetResult[] = [];
  const add = (id: string, target: string, measured: string, pass: boolean) => results.push({ id, target, measured, pass });
  const run = (id: string) => runs.find((r) => r.id === id);

  const steady = run('steady');
  if (steady) {
    const of = `steady state (${steady.keys} keys over ${steady.pairs} pairs, plan)`;
    add('steady-floor', `${of} within 1.15x of its quota floor`, `${steady.floorRatio}x (${fmtS(steady.wallMs)} against ${fmtS(steady.floorMs)})`, steady.floorRatio <= 1.15);
    add('steady-calls', `${of}: at most 1.05 calls a key`, `${steady.callsPerKey} calls a key`, steady.callsPerKey <= 1.05);
    add('steady-throttled', `${of}: under 1% of requests throttled`, throttledText(steady), steady.throttledShare < 0.01);
    const ratio = terraformRatio(runs, steady);
    if (ratio !== undefined) add('steady-vs-terraform', `${of}: at least 10x faster than the Terraform model`, `${ratio}x`, ratio >= 10);
  }

  const rotation = run('rotation');
  if (rotation) {
    const of = `rotation day (${rotation.keys} keys over ${rotation.pairs} pairs, apply)`;
    add('rotation-floor', `${of} within 1.3x of its quota floor, the write quota included`, `${rotation.floorRatio}x (${fmtS(rotation.wallMs)} against ${fmtS(rotation.floorMs)})`, rotation.floorRatio <= 1.3);
    add('rotation-one-version', `${of}: exactly one version per key`, versionsText(rotation), exactlyOne(rotation));
  }

  for (const id of ['scale', 'scale-pinned']) {
    const scale = run(id);
    if (scale?.maxRssMB !== undefined) {
      add(`${id}-memory`, `${scale.keys} keys${scale.pinned ? ' with every version pinned' : ''}: under 200 MB peak RSS`, `${scale.maxRssMB} MB`, scale.maxRssMB < 200);
    }
  }

  // Linear in keys: with keys and pairs in proportion, the time a key costs must not grow with the fleet,
  // and the memory a key adds from the 2,000-key fleet to the 10,000-key one must stay that of the first keys.
  const [small, middle, large] = [run('pair-plan'), steady, run('scale')];
  if (middle && large) {
    add('linear-time', `time linear in keys: the ${large.keys}-key plan at most 1.1x the time per key of the ${middle.keys}-key plan`, `${middle.perKeyMs} then ${large.perKeyMs} ms a key`, large.perKeyMs <= 1.1 * middle.perKeyMs);
  }
  if (small?.maxRssMB !== undefined && middle?.maxRssMB !== undefined && large?.maxRssMB !== undefined) {
    const perKey = (a: Measurement, b: Measurement) => (((b.maxRssMB ?? 0) - (a.maxRssMB ?? 0)) * 1000) / (b.keys - a.keys);
    const low = perKey(small, middle);
    const high = perKey(middle, large);
    add('linear-memory', `memory linear in keys: KB a key adds from ${middle.keys} to ${large.keys} keys at most 1.5x (+2 KB) what it adds from ${small.keys} to ${middle.keys}`, `${round(low, 2)} then ${round(high, 2)} KB a key`, high <= 1.5 * low + 2);
  }

  const pairPlan = run('pair-plan');
  if (pairPlan) add('pair-plan-throttled', `one pair at the published quotas: a ${pairPlan.keys}-key plan with under 1% of requests throttled`, throttledText(pairPlan), pairPlan.throttledShare < 0.01);
  const pairApply = run('pair-apply');
  if (pairApply) {
    add('pair-apply-throttled', `one pair at the published quotas: a ${pairApply.keys}-key apply with under 1% of requests throttled`, throttledText(pairApply), pairApply.throttledShare < 0.01);
    add('pair-apply-one-version', `one pair: the ${pairApply.keys}-key apply makes exactly one version per key`, versionsText(pairApply), exactlyOne(pairApply));
  }

  const kmsctl = runs.filter((r) => r.tool !== 'terraform model');
  const widest = Math.max(0, ...kmsctl.map((r) => r.peakInFlight));
  add('bounded', `kmsctl never has more than --parallelism (${parallelism}) requests in flight`, `at most ${widest} at once`, widest <= parallelism);
  return results;
}

function exactlyOne(run: Measurement): boolean {
  return run.versionsAdded !== undefined && run.versionsAdded.min === 1 && run.versionsAdded.max === 1;
}

function versionsText(run: Measurement): string {
  const v = run.versionsAdded;
  return v === undefined ? 'not counted' : `${v.total} versions for ${run.keys} keys, ${v.min} to ${v.max} a key`;
}

const throttledText = (run: Measurement): string => `${pct(run.throttledShare)} (${run.throttled} of ${run.requests})`;

export const fmtS = (ms: number): string => (ms >= 10_000 ? `${round(ms / 1000, 1)} s` : ms >= 1000 ? `${round(ms / 1000, 2)} s` : `${round(ms, 0)} ms`);
export const pct = (share: number): string => `${round(share * 100, 2)}%`;
