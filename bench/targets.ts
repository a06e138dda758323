/** The issue's targets, each evaluated against the measurements of one run. */
import { round, type Measurement } from './measurement.js';

export interface TargetResult {
  id: string;
  target: string;
  measured: string;
  pass: boolean;
}

export interface Ratios {
  /**
   * Per-key time of the baseline over kmsctl's, per fleet, and the most that ratio can be when every
   * call costs the same latency: (baseline calls per key / its concurrency) / (kmsctl's / its concurrency).
   */
  [fleet: string]: { terraformModel: number | undefined; sdkScript: number | undefined; terraformModelCeiling: number | undefined; sdkScriptCeiling: number | undefined };
}

export function ratios(runs: readonly Measurement[]): Ratios {
  const result: Ratios = {};
  for (const plan of runs.filter((r) => r.tool === 'kmsctl plan' && r.id.startsWith('plan-') && r.qps === undefined)) {
    const of = (tool: Measurement['tool']) => runs.find((r) => r.tool === tool && r.fleet === plan.fleet);
    const tf = of('terraform model');
    const script = of('sdk script');
    if (!tf && !script) continue;
    const ceiling = (base: Measurement) => round(base.callsPerKey / base.concurrency / (plan.callsPerKey / plan.concurrency), 2);
    result[plan.fleet] = {
      terraformModel: tf ? round(tf.perKeyMs / plan.perKeyMs, 2) : undefined,
      sdkScript: script ? round(script.perKeyMs / plan.perKeyMs, 2) : undefined,
      terraformModelCeiling: tf ? ceiling(tf) : undefined,
      sdkScriptCeiling: script ? ceiling(script) : undefined,
    };
  }
  return result;
}

export function evaluateTargets(runs: readonly Measurement[], fleetA: string, parallelism: number): TargetResult[] {
  const results: TargetResult[] = [];
  const add = (id: string, target: string, measured: string, pass: boolean) => results.push({ id, target, measured, pass });
  const kmsctl = runs.filter((r) => r.tool.startsWith('kmsctl'));
  const plans = kmsctl.filter((r) => r.tool === 'kmsctl plan' && r.qps === undefined);
  const planA = runs.find((r) => r.id === 'plan-a');

  const worstCalls = Math.max(...plans.map((r) => r.callsPerKey));
  add('calls-per-key', 'at most 2 API calls per key (up to 100 versions, nothing to confirm), every plan', `${worstCalls} calls/key at most (${plans.map((r) => `${r.id} ${r.callsPerKey}`).join(', ')})`, worstCalls <= 2);

  if (planA) add('floor', `plan of fleet ${fleetA} within 1.5x of calls × latency / ${parallelism}`, `${planA.floorRatio}x (${fmtS(planA.wallMs)} vs floor ${fmtS(planA.floorMs)})`, planA.floorRatio <= 1.5);

  const r = ratios(runs)[fleetA];
  if (r?.terraformModel !== undefined) add('vs-terraform', `fleet ${fleetA}: at least 10x faster per key than the Terraform-model refresh`, `${r.terraformModel}x (call-pattern ceiling ${r.terraformModelCeiling}x)`, r.terraformModel >= 10);
  if (r?.sdkScript !== undefined) add('vs-script', `fleet ${fleetA}: at least 100x faster per key than the sequential SDK script`, `${r.sdkScript}x (call-pattern ceiling ${r.sdkScriptCeiling}x)`, r.sdkScript >= 100);

  const quota = runs.find((x) => x.id === 'plan-quota');
  if (quota?.quotaRatio !== undefined) {
    add('quota-time', `plan of ${quota.keys} keys under ${quota.qps} requests/s within 1.3x of the quota-bound time`, `${quota.quotaRatio}x (${fmtS(quota.wallMs)} vs ${fmtS(quota.quotaBoundMs ?? 0)})`, quota.quotaRatio <= 1.3);
    add('quota-throttled', 'under the quota, under 5% of requests throttled', `${pct(quota.throttledShare)} (${quota.throttled} of ${quota.requests})`, quota.throttledShare < 0.05);
  }

  const scale = runs.filter((x) => x.id.startsWith('scale-')).sort((a, b) => a.keys - b.keys);
  const largest = scale[scale.length - 1];
  if (largest?.maxRssMB !== undefined) add('memory', `peak memory of the ${largest.keys}-key plan under 150 MB`, `${largest.maxRssMB} MB`, largest.maxRssMB < 150);
  const [s, m, l] = [scale[0], scale[scale.length - 2], scale[scale.length - 1]];
  if (scale.length >= 3 && s && m && l) {
    const marginal = (a: Measurement, b: Measurement, f: (x: Measurement) => number) => (f(b) - f(a)) / (b.keys - a.keys);
    const timeLow = marginal(s, m, (x) => x.wallMs);
    const timeHigh = marginal(m, l, (x) => x.wallMs);
    add('linear-time', 'time grows linearly: ms per added key from the middle to the largest fleet at most 1.25x that from the smallest to the middle', `${round(timeLow, 3)} then ${round(timeHigh, 3)} ms/key`, timeHigh <= 1.25 * timeLow);
    const memLow = marginal(s, m, (x) => x.maxRssMB ?? 0) * 1000;
    const memHigh = marginal(m, l, (x) => x.maxRssMB ?? 0) * 1000;
    add('linear-memory', 'memory grows linearly: KB per added key from the middle to the largest fleet at most 1.5x that from the smallest to the middle (+2 KB)', `${round(memLow, 2)} then ${round(memHigh, 2)} KB/key`, memHigh <= 1.5 * memLow + 2);
  }

  const applies = kmsctl.filter((x) => x.tool === 'kmsctl apply');
  for (const apply of applies) {
    const limit = apply.qps === undefined ? `within 1.5x of its floor (${apply.floorRatio}x)` : `within 1.3x of the quota-bound time (${apply.quotaRatio}x), ${pct(apply.throttledShare)} throttled`;
    const pass = apply.qps === undefined ? apply.floorRatio <= 1.5 : (apply.quotaRatio ?? Infinity) <= 1.3 && apply.throttledShare < 0.05;
    add(`${apply.id}`, `apply of ${apply.keys} due keys${apply.qps === undefined ? '' : ` under ${apply.qps} requests/s`}: re-check each key, then create; ${apply.qps === undefined ? 'within 1.5x of its floor' : 'within 1.3x of the quota-bound time, under 5% throttled'}`, `${apply.callsPerKey} calls/key, ${limit}`, pass && apply.callsPerKey <= 5);
  }

  const widest = Math.max(...kmsctl.map((x) => x.peakInFlight));
  add('bounded', `kmsctl never has more than --parallelism (${parallelism}) requests in flight`, `at most ${widest} at once`, widest <= parallelism);
  return results;
}

export const fmtS = (ms: number): string => (ms >= 10_000 ? `${round(ms / 1000, 1)} s` : ms >= 1000 ? `${round(ms / 1000, 2)} s` : `${round(ms, 0)} ms`);
const pct = (share: number): string => `${round(share * 100, 2)}%`;
