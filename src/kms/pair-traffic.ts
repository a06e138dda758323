/**
 * The traffic controls of one (account, region) pair, where the service keeps its quotas: a pacer per
 * quota group at the group's figure (published by default, see wire/quotas.ts), in front of the pair's
 * AIMD concurrency limiter, which stays as the safety net when the pacing is off or the figures wrong.
 */
import { AdaptiveLimiter, type LimiterSnapshot } from './adaptive-limiter.js';
import { KmsConfigError } from './errors.js';
import { QuotaPacer, type PacerSnapshot } from './quota-pacer.js';
import { PUBLISHED_QUOTAS, QUOTA_GROUPS, quotaGroupOf, type QuotaFigures, type QuotaGroup } from './wire/quotas.js';

/**
 * Requests per second per quota group, overriding the published figures: for an account with other
 * quotas, or `'unlimited'` for a group with none (a dedicated gateway of a KMS instance). Groups left
 * out keep the published figure.
 */
export type QuotaOverrides = Partial<Readonly<Record<QuotaGroup, number | 'unlimited'>>>;

/** The figures a run paces to: the published ones with the overrides applied, each checked. */
export function resolveQuotaFigures(overrides: QuotaOverrides | undefined, base: QuotaFigures = PUBLISHED_QUOTAS): QuotaFigures {
  const figures: Record<QuotaGroup, number | undefined> = { ...base };
  for (const [group, value] of Object.entries(overrides ?? {})) {
    if (!(QUOTA_GROUPS as readonly string[]).includes(group)) {
      throw new KmsConfigError('options.invalid', `unknown quota group ${JSON.stringify(group)}; the groups are ${QUOTA_GROUPS.join(', ')}`);
    }
    if (value === 'unlimited') figures[group as QuotaGroup] = undefined;
    else if (typeof value === 'number' && Number.isFinite(value) && value > 0) figures[group as QuotaGroup] = value;
    else throw new KmsConfigError('options.invalid', `the quota of ${group} must be a positive number of requests per second or "unlimited", got ${JSON.stringify(value)}`);
  }
  return figures;
}

/** The environment variable that overrides the quota figures, as the `quotas` option does (which wins over it). */
export const QUOTAS_ENV_VAR = 'KMSCTL_QUOTAS';

/**
 * `KMSCTL_QUOTAS`: `unlimited` (no pacing at all: an emulator without quotas, a dedicated gateway), or
 * `group=figure` pairs separated by commas (`key-read=20,key-write=10,key-create=unlimited`).
 * A malformed value is a `KmsConfigError` quoting it.
 */
export function parseQuotaOverrides(text: string | undefined): QuotaOverrides | undefined {
  const value = text?.trim();
  if (value === undefined || value === '') return undefined;
  if (value === 'unlimited') return Object.fromEntries(QUOTA_GROUPS.map((group) => [group, 'unlimited']));
  const overrides: Record<string, number | 'unlimited'> = {};
  for (const part of value.split(',')) {
    const match = /^\s*([a-z-]+)\s*=\s*(unlimited|\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!match?.[1] || !match[2]) {
      throw new KmsConfigError('options.invalid', `invalid ${QUOTAS_ENV_VAR} ${JSON.stringify(value)}: expected "unlimited" or group=figure pairs such as "key-read=20,key-write=10"`);
    }
    overrides[match[1]] = match[2] === 'unlimited' ? 'unlimited' : Number(match[2]);
  }
  return overrides as QuotaOverrides;
}

export interface PairTrafficOptions {
  figures: QuotaFigures;
  /** The limiter's ceiling: the run's parallelism. */
  maxConcurrency: number;
  /** Monotonic milliseconds, and a sleep, for the pacers. */
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface PairTrafficSnapshot {
  limiter: LimiterSnapshot;
  pacers: Partial<Record<QuotaGroup, PacerSnapshot>>;
}

export class PairTraffic {
  readonly limiter: AdaptiveLimiter;
  readonly #pacers = new Map<QuotaGroup, QuotaPacer>();

  constructor(options: PairTrafficOptions) {
    this.limiter = new AdaptiveLimiter({ max: options.maxConcurrency });
    for (const group of QUOTA_GROUPS) {
      const rate = options.figures[group];
      if (rate !== undefined) this.#pacers.set(group, new QuotaPacer({ ratePerSecond: rate, now: options.now, sleep: options.sleep }));
    }
  }

  /** The pacer an action's requests go through; undefined for an action in no group, or a group without a quota. */
  pacerFor(action: string): QuotaPacer | undefined {
    const group = quotaGroupOf(action);
    return group === undefined ? undefined : this.#pacers.get(group);
  }

  snapshot(): PairTrafficSnapshot {
    return { limiter: this.limiter.snapshot(), pacers: Object.fromEntries([...this.#pacers].map(([group, pacer]) => [group, pacer.snapshot()])) };
  }
}
