/**
 * A rate quota as a token bucket: it holds `burst` tokens (default: one second's worth), refills at
 * `qps` tokens a second, and every request it covers takes one; a request that finds it empty is
 * answered as the service answers an over-quota request, HTTP 429 `Rejected.Throttling` ("QPS Limit
 * Exceeded"), and takes nothing, so throttled retries do not dig the hole deeper. Used for the quota of
 * each account, region and action group (quota-board.ts) and for the plain `--qps` bucket over all actions.
 */
import { KmsServiceError } from './errors.js';

export interface QuotaSettings {
  /** Requests per second; undefined for no quota. */
  qps: number | undefined;
  /** Bucket size, the most requests served back to back after a quiet spell; default `max(1, qps)`. */
  burst?: number | undefined;
}

export const NO_QUOTA: Readonly<QuotaSettings> = Object.freeze({ qps: undefined });

/** Checks settings and fills in the burst, throwing a RangeError that quotes the bad value. */
export function checkQuota(settings: QuotaSettings): { qps: number | undefined; burst: number | undefined } {
  const { qps, burst } = settings;
  if (qps === undefined) {
    if (burst !== undefined) throw new RangeError(`a quota burst needs a qps, got burst ${String(burst)} without one`);
    return { qps: undefined, burst: undefined };
  }
  if (!Number.isFinite(qps) || qps <= 0) throw new RangeError(`qps must be a positive number of requests per second, got ${String(qps)}`);
  const size = burst ?? Math.max(1, qps);
  if (!Number.isFinite(size) || size < 1) throw new RangeError(`the quota burst must be at least 1 request, got ${String(burst)}`);
  return { qps, burst: size };
}

/** A token bucket over an injectable monotonic clock (milliseconds). */
export class RateQuota {
  #qps: number | undefined;
  #burst = 0;
  #tokens = 0;
  #lastMs: number;
  readonly #now: () => number;

  constructor(settings: QuotaSettings = NO_QUOTA, now: () => number = () => performance.now()) {
    this.#now = now;
    this.#lastMs = now();
    this.set(settings);
  }

  get settings(): { qps: number | undefined; burst: number | undefined } {
    return { qps: this.#qps, burst: this.#qps === undefined ? undefined : this.#burst };
  }

  /** Replaces the quota; the bucket starts full. */
  set(settings: QuotaSettings): void {
    const checked = checkQuota(settings);
    this.#qps = checked.qps;
    this.#burst = checked.burst ?? 0;
    this.#tokens = this.#burst;
    this.#lastMs = this.#now();
  }

  /** Takes a token for one request: true when it may be served, false when it is over the quota. */
  tryTake(): boolean {
    if (this.#qps === undefined) return true;
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#lastMs) / 1000) * this.#qps);
    this.#lastMs = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Throws the service's throttling answer when the request is over the quota. */
  admit(): void {
    if (!this.tryTake()) throw throttled();
  }
}

/** The service's answer to a request over a quota, word for word: the gateway's, whichever quota it was. */
export function throttled(): KmsServiceError {
  return new KmsServiceError('Rejected.Throttling', 'QPS Limit Exceeded');
}
