/**
 * Replay protection: a signature nonce may be used once per access key while its request could still
 * pass the timestamp check. The real clock is used throughout (never the emulator clock), so jumping
 * the emulator clock never frees or expires a nonce.
 */

/** How far a request timestamp may be from the real clock, either way. */
export const TIMESTAMP_TOLERANCE_MS = 15 * 60 * 1000;

/** Sweep expired entries every this many insertions, so memory stays bounded under load. */
const SWEEP_EVERY = 1024;

export class NonceCache {
  /** Expiry (real clock, ms) by nonce, by access key: no key string is built per lookup. */
  private readonly seen = new Map<string, Map<string, number>>();
  private count = 0;
  private insertions = 0;
  /** No entry expires before this: a sweep before it would remove nothing, and is skipped. */
  private earliestExpiry = Number.POSITIVE_INFINITY;
  private readonly realNow: () => number;

  constructor(realNow: () => number = Date.now) {
    this.realNow = realNow;
  }

  /** True when the nonce was seen for this access key and its entry has not expired. */
  has(accessKeyId: string, nonce: string): boolean {
    const expiry = this.seen.get(accessKeyId)?.get(nonce);
    return expiry !== undefined && expiry > this.realNow();
  }

  /**
   * Remembers a nonce until nobody could replay it: 15 minutes from now, or 15 minutes past the
   * request's own timestamp when that lies in the future (a future-dated request stays valid longer).
   */
  remember(accessKeyId: string, nonce: string, requestTimestampMs: number): void {
    const now = this.realNow();
    const expiry = Math.max(now, requestTimestampMs) + TIMESTAMP_TOLERANCE_MS;
    let nonces = this.seen.get(accessKeyId);
    if (nonces === undefined) {
      nonces = new Map();
      this.seen.set(accessKeyId, nonces);
    }
    if (!nonces.has(nonce)) this.count += 1;
    nonces.set(nonce, expiry);
    this.earliestExpiry = Math.min(this.earliestExpiry, expiry);
    this.insertions += 1;
    // Walking every entry is the cost of a sweep; under load, thousands of requests come and go
    // before the first nonce expires.
    if (this.insertions % SWEEP_EVERY === 0 && now >= this.earliestExpiry) this.sweep(now);
  }

  get size(): number {
    return this.count;
  }

  private sweep(now: number): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const [accessKeyId, nonces] of this.seen) {
      for (const [nonce, expiry] of nonces) {
        if (expiry <= now) {
          nonces.delete(nonce);
          this.count -= 1;
        } else if (expiry < earliest) {
          earliest = expiry;
        }
      }
      if (nonces.size === 0) this.seen.delete(accessKeyId);
    }
    this.earliestExpiry = earliest;
  }
}
