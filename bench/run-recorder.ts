/**
 * Runs one measured run against a fleet's emulator and records it: the published quotas and the
 * latency on, the emulator's counts before and after, then both off again; for a rotation run, every
 * key's versions counted before and after (with the quotas off, outside the measurement).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { DEMO_ACCESS_KEY_SECRET } from '../dist/emulator/index.js';
import type { TerraformJob } from './baselines/run-baseline.js';
import { readStats, readTraffic, setLatency, setQuotas, statsDelta } from './emulator-admin.js';
import { versionCounts, type Fleet, type FleetKey } from './fleet.js';
import { progress, type FleetEmulator } from './fleet-emulator.js';
import { measurement, round, type Measurement, type RawRun, type RunSettings } from './measurement.js';
import type { BenchOptions } from './options.js';
import { runKmsctl } from './run-kmsctl.js';

const MODEL_ENTRY = fileURLToPath(new URL('./baselines/run-baseline.js', import.meta.url));
/** The order the model walks the resources in: fixed, so runs are comparable. */
const MODEL_SEED = 20_260_601;

export interface RunSpec {
  id: string;
  work: 'steady' | 'rotation';
  /** The fleet (or part of it) the run covers: every key of it, for kmsctl. */
  fleet: Fleet;
  terraformRun?: string | undefined;
  pinned?: boolean | undefined;
}

export class RunRecorder {
  constructor(
    private readonly o: BenchOptions,
    private readonly parallelism: number,
    private readonly work: string,
  ) {}

  /** One plan with no quotas and no latency, so that the first measured run does not pay for a cold disk cache. */
  async warmUp(fe: FleetEmulator, config: string): Promise<void> {
    const run = await runKmsctl(['plan', '-f', config, '--json', '--endpoint', fe.emulator.url], fe.kmsctlEnv());
    if (run.exitCode !== 0) throw new Error(`the warm-up plan exited ${run.exitCode}\n${run.stderr.slice(-2000)}\n${describeOutput(run.stdout)}`);
  }

  /** kmsctl plan (steady) or apply (rotation) of every key of `spec.fleet`, declared in `config`. */
  async kmsctl(fe: FleetEmulator, spec: RunSpec, config: string): Promise<Measurement> {
    const keys = spec.fleet.keys;
    const width = this.o.parallelism === undefined ? [] : ['--parallelism', String(this.o.parallelism)];
    const args = spec.work === 'steady' ? ['plan', '-f', config, '--json'] : ['apply', '-f', config, '--auto-approve', '--json'];
    const raw = await this.#measured(fe, spec, async () => {
      const run = await runKmsctl([...args, '--endpoint', fe.emulator.url, ...width], fe.kmsctlEnv());
      if (run.exitCode !== 0) throw new Error(`${spec.id}: kmsctl exited ${run.exitCode}\n${run.stderr.slice(-2000)}\n${describeOutput(run.stdout)}`);
      checkOutcome(spec, keys.length, JSON.parse(run.stdout) as Record<string, unknown>);
      return { wallMs: run.wallMs, maxRssMiB: run.maxRssMiB, cpuMs: run.cpuMs };
    });
    const m = measurement(this.#settings(spec, 'kmsctl', keys, this.parallelism), raw);
    progress(`  ${m.id}: ${round(m.wallMs / 1000, 2)} s (floor ${round(m.floorMs / 1000, 2)} s, x${m.floorRatio}), ${m.callsPerKey} calls a key, ${m.throttled} throttled, ${m.maxRssMB} MB`);
    return m;
  }

  /** The Terraform model over `keys` of the fleet, in a process of its own. */
  async terraform(fe: FleetEmulator, spec: RunSpec, keys: readonly FleetKey[]): Promise<Measurement> {
    const job: TerraformJob = {
      endpoint: fe.emulator.url,
      accessKeyId: fe.emulator.accessKeyId,
      accessKeySecret: DEMO_ACCESS_KEY_SECRET,
      pairs: fe.fleet.pairs.map((pair) => ({ region: pair.region, roleArn: pair.roleArn })),
      keys: keys.map((key) => ({ pair: key.pair, keyId: key.keyId, versionIds: key.versionIds })),
      parallelism: this.o.terraformParallelism,
      create: spec.work === 'rotation',
      seed: MODEL_SEED,
    };
    const file = join(this.work, `${spec.id}.json`);
    writeFileSync(file, JSON.stringify(job));
    const raw = await this.#measured(fe, { ...spec, fleet: { ...spec.fleet, keys: [...keys] } }, async () => {
      const result = await execa('node', [MODEL_ENTRY, file], { reject: false, timeout: 60 * 60_000 });
      if (result.exitCode !== 0) throw new Error(`${spec.id}: ${result.stderr}`);
      return JSON.parse(result.stdout) as { wallMs: number };
    });
    const m = measurement(this.#settings(spec, 'terraform model', keys, this.o.terraformParallelism), raw);
    progress(`  ${m.id}: ${round(m.wallMs / 1000, 2)} s (floor ${round(m.floorMs / 1000, 2)} s), ${m.callsPerKey} calls a key, ${m.throttled} throttled`);
    return m;
  }

  async #measured(fe: FleetEmulator, spec: RunSpec, body: () => Promise<{ wallMs: number; maxRssMiB?: number; cpuMs?: number }>): Promise<RawRun> {
    const url = fe.emulator.url;
    const counted = spec.work === 'rotation' ? spec.fleet.keys : undefined;
    const before = counted && (await versionCounts(fe.clients, fe.fleet, counted));
    await setLatency(url, this.o.latencyMs, this.o.jitterMs);
    const traffic = await setQuotas(url, 'service');
    const statsBefore = await readStats(url);
    let raw: RawRun;
    try {
      const result = await body();
      const statsAfter = await readStats(url);
      const { peakInFlight } = await readTraffic(url);
      raw = { ...result, delta: statsDelta(statsBefore, statsAfter), quotas: traffic.quotas, peakInFlight };
    } finally {
      await setQuotas(url, 'none');
      await setLatency(url, 0, 0);
    }
    if (counted && before) {
      const after = await versionCounts(fe.clients, fe.fleet, counted);
      raw.versionsAdded = after.map((n, i) => n - (before[i] ?? 0));
    }
    return raw;
  }

  #settings(spec: RunSpec, tool: 'kmsctl' | 'terraform model', keys: readonly FleetKey[], concurrency: number): RunSettings {
    return {
      id: spec.id,
      tool: tool === 'terraform model' ? tool : spec.work === 'steady' ? 'kmsctl plan' : 'kmsctl apply',
      work: spec.work,
      keys: keys.length,
      pairs: new Set(keys.map((key) => key.pair)).size,
      versionsPerKey: spec.fleet.versionsPerKey,
      pinned: spec.pinned === true,
      concurrency,
      terraformRun: spec.terraformRun,
    };
  }
}

/** A plan with every key unchanged, or an apply that created a version for every key, else an Error. */
function checkOutcome(spec: RunSpec, keys: number, doc: Record<string, unknown>): void {
  if (spec.work === 'steady') {
    const summary = doc['summary'] as { no_op: number; error: number };
    if (summary.no_op !== keys || summary.error !== 0) throw new Error(`${spec.id}: expected ${keys} keys with no change, got ${JSON.stringify(summary)}`);
    return;
  }
  const summary = doc['summary'] as { created: number; failed: number };
  if (summary.created !== keys || summary.failed !== 0) throw new Error(`${spec.id}: expected ${keys} versions created, got ${JSON.stringify(summary)}; ${describeOutput(JSON.stringify(doc))}`);
}

/** The summary and the keys that did not go as planned, from a --json output (or its start when it is no JSON). */
function describeOutput(stdout: string): string {
  try {
    const doc = JSON.parse(stdout) as { summary?: unknown; error?: unknown; results?: { outcome: string }[]; keys?: { action: string }[] };
    if (doc.summary === undefined) return `error ${JSON.stringify(doc.error)}`;
    const odd = [...(doc.results ?? []).filter((r) => r.outcome !== 'created'), ...(doc.keys ?? []).filter((k) => k.action === 'error')];
    return `summary ${JSON.stringify(doc.summary)}; for example ${JSON.stringify(odd.slice(0, 3))}`;
  } catch {
    return stdout.slice(0, 2000);
  }
}
