/** One measured run (kmsctl or a baseline) and the figures derived from it. */
import type { StatsDelta } from './emulator-admin.js';

export type Tool = 'kmsctl plan' | 'kmsctl apply' | 'sdk script' | 'terraform model';

/** What a run was: the same in the raw run and in its measurement. */
interface RunSettings {
  /** Stable ID for the JSON (`plan-a`, `script-a`, `scale-10000`, ...). */
  id: string;
  tool: Tool;
  fleet: string;
  keys: number;
  versionsPerKey: number;
  latencyMs: number;
  /** Most requests the tool may have in flight (its parallelism; 1 for the sequential script). */
  concurrency: number;
  /** Requests per second of the rate quota, when one applied. */
  qps: number | undefined;
  /** The most requests the emulator served at once. */
  peakInFlight: number;
}

export interface Measurement extends RunSettings {
  wallMs: number;
  perKeyMs: number;
  /** Requests the emulator saw, throttled ones included, and how many of them were throttled. */
  requests: number;
  throttled: number;
  throttledShare: number;
  /** Answered (not throttled) requests per key. */
  callsPerKey: number;
  actions: Record<string, number>;
  /** calls × latency / concurrency: the time the calls take with every slot busy, and wall / floor. */
  floorMs: number;
  floorRatio: number;
  /** answered calls / qps, and wall / that, under a quota. */
  quotaBoundMs: number | undefined;
  quotaRatio: number | undefined;
  /** kmsctl only: peak resident memory (MB = 10^6 bytes) and CPU time of the CLI process. */
  maxRssMB: number | undefined;
  cpuMs: number | undefined;
}

export interface RawRun extends RunSettings {
  wallMs: number;
  delta: StatsDelta;
  maxRssMiB?: number | undefined;
  cpuMs?: number | undefined;
}

export function measurement(run: RawRun): Measurement {
  const answered = run.delta.requests - run.delta.throttled;
  const floorMs = (answered * run.latencyMs) / run.concurrency;
  const quotaBoundMs = run.qps === undefined ? undefined : (answered / run.qps) * 1000;
  const { id, tool, fleet, keys, versionsPerKey, latencyMs, concurrency, qps, peakInFlight } = run;
  return {
    id,
    tool,
    fleet,
    keys,
    versionsPerKey,
    latencyMs,
    concurrency,
    qps,
    peakInFlight,
    wallMs: round(run.wallMs),
    perKeyMs: round(run.wallMs / run.keys, 3),
    requests: run.delta.requests,
    throttled: run.delta.throttled,
    throttledShare: round(run.delta.requests === 0 ? 0 : run.delta.throttled / run.delta.requests, 4),
    callsPerKey: round(answered / run.keys, 3),
    actions: run.delta.actions,
    floorMs: round(floorMs),
    floorRatio: round(floorMs === 0 ? 0 : run.wallMs / floorMs, 3),
    quotaBoundMs: quotaBoundMs === undefined ? undefined : round(quotaBoundMs),
    quotaRatio: quotaBoundMs === undefined ? undefined : round(run.wallMs / quotaBoundMs, 3),
    maxRssMB: run.maxRssMiB === undefined ? undefined : round((run.maxRssMiB * 1024 * 1024) / 1e6, 1),
    cpuMs: run.cpuMs === undefined ? undefined : round(run.cpuMs),
  };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
