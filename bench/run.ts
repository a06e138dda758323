/**
 * `npm run bench`: measures what users meet. kmsctl plan and apply run against the local emulator at the
 * service's published quotas (per account, region and quota group) with a network latency, on fleets
 * spread over (account, region) pairs, next to a model of Terraform on the same fleets; the targets are
 * checked. Prints a table, then one JSON line. Progress goes to stderr. Never a test: nothing here
 * asserts a time, it reports.
 *
 * Two emulators, each with its fleet: the steady-state and rotation-day fleet (10 pairs of 200 keys),
 * and the scale fleet (50 pairs). Runs that make versions come after the runs that read the same fleet.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PARALLELISM } from '../dist/cli/arguments/connection-args.js';
import { PUBLISHED_QUOTAS } from '../dist/kms/wire/quotas.js';
import { writeConfig, type ConfigStyle } from './configs.js';
import { advanceClock } from './emulator-admin.js';
import { firstPairs, planFleet, samplePerPair, type Fleet, type FleetKey } from './fleet.js';
import { FleetEmulator, progress } from './fleet-emulator.js';
import { round, type Measurement } from './measurement.js';
import { USAGE, parseBenchOptions } from './options.js';
import { fleetPairs } from './pairs.js';
import { renderTable, resultJson } from './report.js';
import { evaluateTargets } from './targets.js';
import { RunRecorder } from './run-recorder.js';

/** Nothing is due at 90 days (the newest version is 30 days old); everything is at 7 days, 8 days after the model's versions. */
const STEADY: Omit<ConfigStyle, 'pinVersions'> = { maxAge: '90d' };
const DUE: Omit<ConfigStyle, 'pinVersions'> = { maxAge: '7d' };
/** The model's versions are made at BENCH_NOW; kmsctl's rotation runs 8 days later, past the 7 days between versions. */
const AFTER_MODEL = '8d';

async function main(): Promise<void> {
  const parsed = parseBenchOptions(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const o = parsed;
  const started = performance.now();
  const loadAtStart = loadavg();
  const work = mkdtempSync(join(tmpdir(), 'kmsctl-bench-'));
  const parallelism = o.parallelism ?? DEFAULT_PARALLELISM;
  const main = await FleetEmulator.start((uid) => planFleet('steady', 'm', fleetPairs(o.layout, o.pairs, uid), o.keysPerPair, o.versions));
  const scale = await FleetEmulator.start((uid) => planFleet('scale', 's', fleetPairs(o.layout, o.scalePairs, uid), o.keysPerPair, o.versions));
  const runs: Measurement[] = [];
  try {
    const recorder = new RunRecorder(o, parallelism, work);
    const config = (name: string, fleet: Fleet, keys: readonly FleetKey[], style: Omit<ConfigStyle, 'pinVersions'>, pinVersions = false) =>
      writeConfig(work, name, fleet, keys, { ...style, pinVersions });
    const onePair = firstPairs(main.fleet, 1);
    const scalePair = firstPairs(scale.fleet, 1);

    progress('warm-up plan (not recorded, no quotas)');
    await recorder.warmUp(main, config('warm-up', main.fleet, main.fleet.keys.slice(0, 5), STEADY));

    progress(`steady state: plan of ${main.fleet.keys.length} keys over ${main.fleet.pairs.length} pairs`);
    runs.push(await recorder.kmsctl(main, { id: 'steady', work: 'steady', fleet: main.fleet, terraformRun: 'tf-steady' }, config('steady', main.fleet, main.fleet.keys, STEADY)));
    progress(`one pair: plan of its ${onePair.keys.length} keys`);
    runs.push(await recorder.kmsctl(main, { id: 'pair-plan', work: 'steady', fleet: onePair, terraformRun: 'tf-pair-plan' }, config('pair-plan', onePair, onePair.keys, STEADY)));
    if (!o.skipTerraform) {
      progress(`Terraform model: refresh of ${main.fleet.keys.length} keys`);
      runs.push(await recorder.terraform(main, { id: 'tf-steady', work: 'steady', fleet: main.fleet }, main.fleet.keys));
      progress(`Terraform model: refresh of one pair's ${onePair.keys.length} keys`);
      runs.push(await recorder.terraform(main, { id: 'tf-pair-plan', work: 'steady', fleet: onePair }, onePair.keys));
      progress(`Terraform model: rotation day of ${main.fleet.keys.length} keys`);
      runs.push(await recorder.terraform(main, { id: 'tf-rotation', work: 'rotation', fleet: main.fleet }, main.fleet.keys));
    }
    await advanceClock(main.emulator.url, AFTER_MODEL);
    progress(`rotation day: apply of ${main.fleet.keys.length} due keys`);
    runs.push(await recorder.kmsctl(main, { id: 'rotation', work: 'rotation', fleet: main.fleet, terraformRun: 'tf-rotation' }, config('rotation', main.fleet, main.fleet.keys, DUE)));

    progress(`scale: plan of ${scale.fleet.keys.length} keys over ${scale.fleet.pairs.length} pairs`);
    runs.push(await recorder.kmsctl(scale, { id: 'scale', work: 'steady', fleet: scale.fleet, terraformRun: 'tf-scale' }, config('scale', scale.fleet, scale.fleet.keys, STEADY)));
    progress(`scale: the same with every version pinned`);
    runs.push(await recorder.kmsctl(scale, { id: 'scale-pinned', work: 'steady', fleet: scale.fleet, terraformRun: 'tf-scale', pinned: true }, config('scale-pinned', scale.fleet, scale.fleet.keys, STEADY, true)));
    if (!o.skipTerraform) {
      const sample = o.terraformSample === 0 ? scale.fleet.keys : samplePerPair(scale.fleet, o.terraformSample);
      progress(`Terraform model: refresh of ${sample.length} keys of the scale fleet, from every pair`);
      runs.push(await recorder.terraform(scale, { id: 'tf-scale', work: 'steady', fleet: scale.fleet }, sample));
      progress(`Terraform model: rotation day of one pair's ${scalePair.keys.length} keys`);
      runs.push(await recorder.terraform(scale, { id: 'tf-pair-apply', work: 'rotation', fleet: scalePair }, scalePair.keys));
    }
    await advanceClock(scale.emulator.url, AFTER_MODEL);
    progress(`one pair: apply of its ${scalePair.keys.length} due keys`);
    runs.push(await recorder.kmsctl(scale, { id: 'pair-apply', work: 'rotation', fleet: scalePair, terraformRun: 'tf-pair-apply' }, config('pair-apply', scalePair, scalePair.keys, DUE)));
  } finally {
    await main.close();
    await scale.close();
    rmSync(work, { recursive: true, force: true });
  }

  const quotas = quotasOfService();
  const settings = {
    quick: o.quick,
    layout: o.layout === 'regions' ? 'regions of one account' : 'two regions in each of several accounts (AssumeRole)',
    pairs: o.pairs,
    keysPerPair: o.keysPerPair,
    versions: o.versions,
    scalePairs: o.scalePairs,
    terraformSample: o.terraformSample,
    latencyMs: o.latencyMs,
    jitterMs: o.jitterMs,
    quotas,
    parallelism,
    parallelismFrom: o.parallelism === undefined ? "kmsctl's default" : '--parallelism',
    terraformParallelism: o.terraformParallelism,
    node: `Node.js ${process.version}`,
    cpus: cpus().length,
    commit: commit(),
    loadAverage: loadAtStart.map((n) => round(n, 2)).join(' '),
    loadAverageEnd: loadavg().map((n) => round(n, 2)).join(' '),
    totalSeconds: round((performance.now() - started) / 1000, 1),
  };
  const targets = evaluateTargets(runs, parallelism);
  process.stdout.write(renderTable(settings, runs, targets));
  const json = resultJson(settings, runs, targets);
  if (o.out !== undefined) writeFileSync(o.out, `${json}\n`);
  process.stdout.write(`${json}\n`);
}

/** The published figures the emulator enforced (`--quotas service`), as the report names them. */
function quotasOfService(): Record<string, number | null> {
  return Object.fromEntries(Object.entries(PUBLISHED_QUOTAS).map(([group, qps]) => [group, qps ?? null]));
}

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return 'unknown';
  }
}

main().catch((error: unknown) => {
  const flagError = String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS') || (error instanceof Error && error.message.startsWith('--'));
  if (flagError) process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
  else process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

