/** The emulator's admin endpoints, as the benchmark uses them: stats, clock, latency, quotas. */
import type { QuotaPreset, StatsSnapshot } from '../dist/emulator/index.js';

export interface TrafficState {
  latencyMs: number;
  jitterMs: number;
  qps: number | null;
  burst: number | null;
  /** The service's quotas per account, region and group (requests per second; null: none). */
  quotas: Record<string, number | null>;
  inFlight: number;
  peakInFlight: number;
}

async function admin<T>(base: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/_emulator/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`/_emulator/${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

export const readStats = (base: string): Promise<StatsSnapshot> => admin(base, 'stats');
export const readTraffic = (base: string): Promise<TrafficState> => admin(base, 'latency');
export const setLatency = (base: string, latencyMs: number, jitterMs: number): Promise<TrafficState> => admin(base, 'latency', { latency: latencyMs, jitter: jitterMs });
/** The service's quotas per account, region and group: a preset (`service`: the published figures), or some groups' figures. */
export const setQuotas = (base: string, quotas: QuotaPreset | Record<string, number | null>): Promise<TrafficState> => admin(base, 'quota', { quotas });
export const setClock = (base: string, iso: string): Promise<unknown> => admin(base, 'clock', { set: iso });
export const advanceClock = (base: string, advance: string): Promise<unknown> => admin(base, 'clock', { advance });

/** Requests of one quota group, and how many of them were throttled. */
export interface GroupCount {
  requests: number;
  throttled: number;
}

/** What happened at the emulator between two stats snapshots. */
export interface StatsDelta {
  requests: number;
  /** Answers refusing for rate, whichever quota (429 Rejected.Throttling, or an injected Throttling*). */
  throttled: number;
  errors: number;
  actions: Record<string, number>;
  errorCodes: Record<string, number>;
  /** Per (account UID, region) pair, keyed `uid/region`, per quota group. */
  pairs: Record<string, Record<string, GroupCount>>;
}

export function statsDelta(before: StatsSnapshot, after: StatsSnapshot): StatsDelta {
  const diff = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.keys(b).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)] as const).filter(([, n]) => n > 0));
  const pairs: StatsDelta['pairs'] = {};
  for (const [uid, regions] of Object.entries(after.accounts)) {
    for (const [region, groups] of Object.entries(regions)) {
      for (const [group, count] of Object.entries(groups)) {
        const was = (before.accounts[uid]?.[region] as Record<string, GroupCount | undefined> | undefined)?.[group];
        const requests = (count?.requests ?? 0) - (was?.requests ?? 0);
        if (requests <= 0) continue;
        (pairs[`${uid}/${region}`] ??= {})[group] = { requests, throttled: (count?.throttled ?? 0) - (was?.throttled ?? 0) };
      }
    }
  }
  return {
    requests: after.total - before.total,
    throttled: after.throttled - before.throttled,
    errors: after.errors - before.errors,
    actions: diff(before.actions, after.actions),
    errorCodes: diff(before.errorCodes, after.errorCodes),
    pairs,
  };
}
