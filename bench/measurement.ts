/**
 * One measured run (kmsctl or the Terraform model) and the figures derived from it. The time floor is the
 * quotas': each (account, region) pair serves each quota group at its figure, so a pair's calls take at
 * least `answered calls / quota` per group; the floor adds the groups up (reads, then writes) and is
 * that of the busiest pair, which for keys spread evenly is `calls / (quota × pairs)` per group.
 */
import type { StatsDelta } from './emulator-admin.js';

export type Tool = 'kmsctl plan' | 'kmsctl apply' | 'terraform model';

/** What a run was: the same in the raw run and in its measurement. */
export interface RunSettings {
  /** Stable ID for the JSON (`steady`, `rotation`, `scale`, `tf-steady`, ...). */
  id: string;
  tool: Tool;
  /** `steady`: nothing is due (plan); `rotation`: every key is due (apply, or the model's create). */
  work: 'steady' | 'rotation';
  keys: number;
  pairs: number;
  versionsPerKey: number;
  /** Whether the config pins every live version. */
  pinned: boolean;
  /** The most requests the tool may have in flight. */
  concurrency: number;
  /** The Terraform model run this one is compared with, for kmsctl runs. */
  terraformRun: string | undefined;
}

export interface Measurement extends RunSettings {
  wallMs: number;
  perKeyMs: number;
  /** KMS requests the emulator saw (those in a quota group: STS's are not), throttled ones included, and how many of them were throttled. */
  requests: number;
  throttled: number;
  throttledShare: number;
  /** Answered (not throttled) requests, and per key. */
  answered: number;
  callsPerKey: number;
  /** Requests per action, throttled ones included. */
  actions: Record<string, number>;
  /** Rotation runs: the fewest and the most versions a key gained, counted by listing every key after the run. */
  versionsAdded: { min: number; max: number; total: number } | undefined;
  /** The quotas' floor: the busiest pair's sum over groups of answered calls / quota (ms), and wall / floor. */
  floorMs: number;
  floorRatio: number;
  /**
   * The same with the groups side by side (the busiest pair's largest group): the bound no tool can
   * beat. It differs from the floor only where a run calls several groups, such as apply's re-reads and
   * creates, which may overlap.
   */
  overlappedFloorMs: number;
  /** Peak resident memory (MB = 10^6 bytes) and CPU time of the kmsctl process; undefined for the model. */
  maxRssMB: number | undefined;
  cpuMs: number | undefined;
  /** The most requests the emulator served at once. */
  peakInFlight: number;
}

export interface RawRun {
  wallMs: number;
  delta: StatsDelta;
  /** The quota of each group, requests per second (null: none). */
  quotas: Record<string, number | null>;
  peakInFlight: number;
  maxRssMiB?: number | undefined;
  cpuMs?: number | undefined;
  /** Per key, the versions it gained (rotation runs). */
  versionsAdded?: number[] | undefined;
}

export function measurement(settings: RunSettings, run: RawRun): Measurement {
  const counts = Object.values(run.delta.pairs).flatMap((groups) => Object.values(groups));
  const requests = counts.reduce((n, c) => n + c.requests, 0);
  const throttled = counts.reduce((n, c) => n + c.throttled, 0);
  const answered = requests - throttled;
  const floorMs = quotaFloorMs(run.delta, run.quotas, 'sum');
  return {
    ...settings,
    wallMs: round(run.wallMs),
    perKeyMs: round(run.wallMs / settings.keys, 3),
    requests,
    throttled,
    throttledShare: round(requests === 0 ? 0 : throttled / requests, 4),
    answered,
    callsPerKey: round(answered / settings.keys, 3),
    actions: run.delta.actions,
    versionsAdded: run.versionsAdded === undefined ? undefined : { min: Math.min(...run.versionsAdded), max: Math.max(...run.versionsAdded), total: run.versionsAdded.reduce((a, b) => a + b, 0) },
    floorMs: round(floorMs),
    floorRatio: round(floorMs === 0 ? 0 : run.wallMs / floorMs, 3),
    overlappedFloorMs: round(quotaFloorMs(run.delta, run.quotas, 'max')),
    maxRssMB: run.maxRssMiB === undefined ? undefined : round((run.maxRssMiB * 1024 * 1024) / 1e6, 1),
    cpuMs: run.cpuMs === undefined ? undefined : round(run.cpuMs),
    peakInFlight: run.peakInFlight,
  };
}

/** The busiest pair's time at the quotas: answered calls of each group over the group's figure, summed over the groups or the largest. */
export function quotaFloorMs(delta: StatsDelta, quotas: Record<string, number | null>, groups: 'sum' | 'max'): number {
  let worst = 0;
  for (const counts of Object.values(delta.pairs)) {
    const times = Object.entries(counts).map(([group, count]) => {
      const qps = quotas[group];
      return qps === null || qps === undefined ? 0 : ((count.requests - count.throttled) / qps) * 1000;
    });
    worst = Math.max(worst, groups === 'sum' ? times.reduce((a, b) => a + b, 0) : Math.max(0, ...times));
  }
  return worst;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
