/**
 * `npm run bench`: measures kmsctl plan and apply against the local emulator standing for a remote KMS
 * (per-request latency, optional rate quota), side by side with two baselines on the same fleet and
 * emulator, and checks the targets of the performance issue. Prints a table, then one JSON line.
 * Progress goes to stderr. Never a test: nothing here asserts a time, it reports.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../dist/emulator/index.js';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { DEFAULT_PARALLELISM } from '../dist/cli/arguments/connection-args.js';
import { createKmsClients } from '../dist/kms/client-factory.js';
import { StaticCredentialsProvider } from '../dist/kms/credentials.js';
import type { BaselineJob } from './baselines/run-baseline.js';
import { writeConfig } from './configs.js';
import { readStats, readTraffic, setLatency, setQuota, statsDelta } from './emulator-admin.js';
import { BENCH_NOW, buildFleetsThroughApi, fleetSeed, planFleet, type Fleet, type FleetKey } from './fleet.js';
import { measurement, round, type Measurement, type RawRun, type Tool } from './measurement.js';
import { USAGE, parseBenchOptions, type BenchOptions } from './options.js';
import { renderTable, resultJson } from './report.js';
import { evaluateTargets, ratios } from './targets.js';
import { runKmsctl } from './run-kmsctl.js';

const progress = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const BASELINE_ENTRY = fileURLToPath(new URL('./baselines/run-baseline.js', import.meta.url));

async function main(): Promise<void> {
  const o = parseBenchOptions(process.argv.slice(2));
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'kmsctl-bench-'));
  const fleets = {
    main: planFleet('main', 'm', Math.max(o.keysA, o.quotaKeys, ...o.scale), o.versionsA, o.regions),
    b: planFleet('B', 'b', o.keysB, o.versionsB, o.regions),
    apply: planFleet('apply', 'p', o.applyKeys, o.versionsA, o.regions),
    applyQuota: planFleet('apply under quota', 'q', o.applyKeys, o.versionsA, o.regions),
  };
  // Each apply has an emulator of its own, so that the versions it creates leave the fleets that the
  // plans read as they were, and a run can be repeated on the same fleets.
  const reads = await startFleetEmulator([fleets.main, fleets.b], o);
  const writes = await startFleetEmulator([fleets.apply], o);
  const writesQuota = await startFleetEmulator([fleets.applyQuota], o);
  const runs: Measurement[] = [];
  try {
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: reads.emulator.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET };
    const style = { maxAge: '90d', pinVersions: o.pinVersions };
    const fleetA = fleets.main.keys.slice(0, o.keysA);
    const cli = new CliRunner(o, env);

    progress('warm-up plan (not recorded)');
    await cli.plan(reads.emulator, 'warm-up', 'main', writeConfig(work, 'warm-up', fleets.main.keys.slice(0, 20), style), 20, o.versionsA);

    progress(`plan of fleet A: ${o.keysA} keys × ${o.versionsA} versions over ${o.regions} regions`);
    runs.push(await cli.plan(reads.emulator, 'plan-a', 'A', writeConfig(work, 'fleet-a', fleetA, style), o.keysA, o.versionsA));
    if (!o.skipBaselines) runs.push(...(await baselines(reads.emulator, work, 'A', fleetA, o.versionsA, o.sampleA, o.sampleA, o)));

    progress(`plan of fleet B: ${o.keysB} keys × ${o.versionsB} versions`);
    runs.push(await cli.plan(reads.emulator, 'plan-b', 'B', writeConfig(work, 'fleet-b', fleets.b.keys, style), o.keysB, o.versionsB));
    if (!o.skipBaselines) runs.push(...(await baselines(reads.emulator, work, 'B', fleets.b.keys, o.versionsB, o.sampleBTerraform, o.sampleBScript, o)));

    for (const n of o.scale) {
      progress(`scaling plan: ${n} keys`);
      runs.push(await cli.plan(reads.emulator, `scale-${n}`, 'main', writeConfig(work, `scale-${n}`, fleets.main.keys.slice(0, n), style), n, o.versionsA));
    }

    progress(`plan of ${o.quotaKeys} keys under a quota of ${o.qps} requests/s`);
    runs.push(await cli.plan(reads.emulator, 'plan-quota', 'main', writeConfig(work, 'quota', fleets.main.keys.slice(0, o.quotaKeys), style), o.quotaKeys, o.versionsA, o.qps));

    const due = { maxAge: '14d', pinVersions: o.pinVersions };
    progress(`apply of ${o.applyKeys} due keys`);
    runs.push(await cli.apply(writes.emulator, 'apply', writeConfig(work, 'apply', fleets.apply.keys, due), o.applyKeys, o.versionsA));
    progress(`apply of ${o.applyKeys} due keys under a quota of ${o.qps} requests/s`);
    runs.push(await cli.apply(writesQuota.emulator, 'apply-quota', writeConfig(work, 'apply-quota', fleets.applyQuota.keys, due), o.applyKeys, o.versionsA, o.qps));
  } finally {
    await reads.emulator.close();
    await writes.emulator.close();
    await writesQuota.emulator.close();
    rmSync(work, { recursive: true, force: true });
  }

  const settings = {
    ...o,
    parallelism: kmsctlParallelism(o),
    parallelismFrom: o.parallelism === undefined ? 'kmsctl default' : '--parallelism',
    fleetBuildMs: { reads: round(reads.buildMs), writes: round(writes.buildMs + writesQuota.buildMs) },
    configStyle: o.pinVersions ? 'every version pinned, rotation.maxAge' : 'rotation.maxAge only (no pins)',
    emulator: 'in the benchmark process; kmsctl (node bin/kmsctl.js) and each baseline run in processes of their own',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: (await import('node:os')).cpus().length,
    commit: commit(),
    date: new Date().toISOString(),
    loadAverage: loadavg().map((n) => round(n, 2)).join(' '),
    totalSeconds: round((performance.now() - started) / 1000, 1),
  };
  const ratioTable = ratios(runs);
  const targets = evaluateTargets(runs, 'A', kmsctlParallelism(o));
  process.stdout.write(renderTable(settings, runs, ratioTable, targets));
  const json = resultJson(settings, runs, ratioTable, targets);
  if (o.out !== undefined) writeFileSync(o.out, `${json}\n`);
  process.stdout.write(`${json}\n`);
}

/** Starts an in-process emulator at BENCH_NOW holding the fleets, with no latency while it fills. */
async function startFleetEmulator(fleets: Fleet[], o: BenchOptions): Promise<{ emulator: RunningEmulator; buildMs: number }> {
  const t0 = performance.now();
  const keys = fleets.reduce((n, f) => n + f.keys.length, 0);
  if (o.fleetVia === 'seed') {
    const emulator = await startEmulator({ port: 0, now: BENCH_NOW, env: {}, seed: fleetSeed(fleets) });
    progress(`seeded ${keys} keys in ${round((performance.now() - t0) / 1000, 1)} s`);
    return { emulator, buildMs: performance.now() - t0 };
  }
  const emulator = await startEmulator({ port: 0, now: BENCH_NOW, env: {} });
  const clients = createKmsClients({ endpoint: emulator.url, env: {}, credentials: credentialsFor(emulator), maxConcurrency: 32 });
  try {
    const calls = await buildFleetsThroughApi(emulator, clients, fleets);
    progress(`built ${keys} keys through the API (${calls} calls) in ${round((performance.now() - t0) / 1000, 1)} s`);
  } finally {
    await clients.close();
  }
  return { emulator, buildMs: performance.now() - t0 };
}

/** The requests kmsctl may have in flight: --parallelism when the benchmark passes it, else kmsctl's default. */
function kmsctlParallelism(o: BenchOptions): number {
  return o.parallelism ?? DEFAULT_PARALLELISM;
}

function credentialsFor(emulator: RunningEmulator): StaticCredentialsProvider {
  return new StaticCredentialsProvider({ accessKeyId: emulator.accessKeyId, accessKeySecret: DEMO_ACCESS_KEY_SECRET });
}

/** Measures a run: sets the network, reads the stats before and after. */
async function measured(emulator: RunningEmulator, o: BenchOptions, qps: number | undefined, body: () => Promise<{ wallMs: number; maxRssMiB?: number; cpuMs?: number }>) {
  await setLatency(emulator.url, o.latencyMs, o.jitterMs);
  await setQuota(emulator.url, qps ?? null);
  const before = await readStats(emulator.url);
  const result = await body();
  const after = await readStats(emulator.url);
  const traffic = await readTraffic(emulator.url);
  await setQuota(emulator.url, null);
  return { ...result, delta: statsDelta(before, after), peakInFlight: traffic.peakInFlight };
}

class CliRunner {
  constructor(
    private readonly o: BenchOptions,
    private readonly env: Record<string, string>,
  ) {}

  async plan(emulator: RunningEmulator, id: string, fleet: string, config: string, keys: number, versionsPerKey: number, qps?: number): Promise<Measurement> {
    return this.#run(emulator, id, 'kmsctl plan', fleet, ['plan', '-f', config, '--json'], keys, versionsPerKey, qps, (doc) => {
      const summary = doc['summary'] as { noop: number; error: number };
      if (summary.noop !== keys || summary.error !== 0) throw new Error(`${id}: expected ${keys} keys with no change, got ${JSON.stringify(summary)}`);
    });
  }

  async apply(emulator: RunningEmulator, id: string, config: string, keys: number, versionsPerKey: number, qps?: number): Promise<Measurement> {
    return this.#run(emulator, id, 'kmsctl apply', 'apply', ['apply', '-f', config, '--auto-approve', '--json'], keys, versionsPerKey, qps, (doc) => {
      const summary = doc['summary'] as { created: number; failed: number };
      if (summary.created !== keys || summary.failed !== 0) {
        const others = (doc['results'] as { outcome: string }[]).filter((r) => r.outcome !== 'created').slice(0, 5);
        throw new Error(`${id}: expected ${keys} versions created, got ${JSON.stringify(summary)}; for example ${JSON.stringify(others)}`);
      }
    });
  }

  async #run(emulator: RunningEmulator, id: string, tool: Tool, fleet: string, args: string[], keys: number, versionsPerKey: number, qps: number | undefined, check: (doc: Record<string, unknown>) => void): Promise<Measurement> {
    const raw = await measured(emulator, this.o, qps, async () => {
      const width = this.o.parallelism === undefined ? [] : ['--parallelism', String(this.o.parallelism)];
      const run = await runKmsctl([...args, '--endpoint', emulator.url, ...width], this.env);
      if (run.exitCode !== 0) throw new Error(`${id}: kmsctl exited ${run.exitCode}\n${run.stderr.slice(-2000)}\n${describeOutput(run.stdout)}`);
      check(JSON.parse(run.stdout) as Record<string, unknown>);
      return { wallMs: run.wallMs, maxRssMiB: run.maxRssMiB, cpuMs: run.cpuMs };
    });
    const m = measurement({ id, tool, fleet, keys, versionsPerKey, latencyMs: this.o.latencyMs, concurrency: kmsctlParallelism(this.o), qps, ...raw } satisfies RawRun);
    progress(`  ${id}: ${round(m.wallMs / 1000, 2)} s, ${m.callsPerKey} calls/key, ${m.throttled} throttled, ${m.maxRssMB} MB, floor x${m.floorRatio}`);
    return m;
  }
}

/** Both baselines on the first keys of a fleet, against the same emulator and network, each in a process of its own. */
async function baselines(emulator: RunningEmulator, work: string, fleet: string, keys: readonly FleetKey[], versionsPerKey: number, terraformSample: number, scriptSample: number, o: BenchOptions): Promise<Measurement[]> {
  const auth = { endpoint: emulator.url, accessKeyId: emulator.accessKeyId, accessKeySecret: DEMO_ACCESS_KEY_SECRET };
  const tfKeys = keys.slice(0, terraformSample);
  progress(`  Terraform-model refresh of ${tfKeys.length} keys of fleet ${fleet}`);
  const tfJob: BaselineJob = { kind: 'terraform-model', ...auth, parallelism: o.terraformParallelism, keys: tfKeys.map((k) => ({ region: k.region, keyId: k.keyId, versionIds: k.versionIds })) };
  const tf = await measured(emulator, o, undefined, () => runBaseline(work, tfJob));
  const scriptKeys = keys.slice(0, scriptSample);
  progress(`  sequential SDK script over ${scriptKeys.length} keys of fleet ${fleet}`);
  const scriptJob: BaselineJob = { kind: 'sdk-script', ...auth, keys: scriptKeys.map((k) => ({ region: k.region, keyId: k.alias })) };
  const script = await measured(emulator, o, undefined, () => runBaseline(work, scriptJob));
  const common = { fleet, versionsPerKey, latencyMs: o.latencyMs, qps: undefined };
  const out = [
    measurement({ id: `terraform-${fleet.toLowerCase()}`, tool: 'terraform model', keys: tfKeys.length, concurrency: o.terraformParallelism, ...common, ...tf }),
    measurement({ id: `script-${fleet.toLowerCase()}`, tool: 'sdk script', keys: scriptKeys.length, concurrency: 1, ...common, ...script }),
  ];
  for (const m of out) progress(`  ${m.id}: ${round(m.wallMs / 1000, 2)} s, ${m.callsPerKey} calls/key, ${m.perKeyMs} ms/key`);
  return out;
}

async function runBaseline(work: string, job: BaselineJob): Promise<{ wallMs: number }> {
  const file = join(work, `baseline-${job.kind}.json`);
  writeFileSync(file, JSON.stringify(job));
  const result = await execa('node', [BASELINE_ENTRY, file], { reject: false, timeout: 30 * 60_000 });
  if (result.exitCode !== 0) throw new Error(`the ${job.kind} baseline failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { wallMs: number };
}

/** The summary and the keys that did not go as planned, from a --json output (or its start when it is no JSON). */
function describeOutput(stdout: string): string {
  try {
    const doc = JSON.parse(stdout) as { summary?: unknown; results?: { outcome: string }[]; keys?: { action: string }[] };
    const odd = [...(doc.results ?? []).filter((r) => r.outcome !== 'created'), ...(doc.keys ?? []).filter((k) => k.action === 'error')];
    return `summary ${JSON.stringify(doc.summary)}; for example ${JSON.stringify(odd.slice(0, 3))}`;
  } catch {
    return stdout.slice(0, 2000);
  }
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
