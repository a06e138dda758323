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
  private readonly seen = new Map<string, number>();
  private insertions = 0;
  private readonly realNow: () => number;

  constructor(realNow: () => number = Date.now) {
    this.realNow = realNow;
  }

  /** True when the nonce was seen for this access key and its entry has not expired. */
  has(accessKeyId: string, nonce: string): boolean {
    const expiry = this.seen.get(entryKey(accessKeyId, nonce));
    return expiry !== undefined && expiry > this.realNow();
  }

  /**
   * Remembers a nonce until nobody could replay it: 15 minutes from now, or 15 minutes past the
   * request's own timestamp when that lies in the future (a future-dated request stays valid longer).
   */
  remember(accessKeyId: string, nonce: string, requestTimestampMs: number): void {
    const now = this.realNow();
    const expiry = Math.max(now, requestTimestampMs) + TIMESTAMP_TOLERANCE_MS;
    this.seen.set(entryKey(accessKeyId, nonce), expiry);
    this.insertions += 1;
    if (this.insertions % SWEEP_EVERY === 0) this.sweep(now);
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    for (const [key, expiry] of this.seen) if (expiry <= now) this.seen.delete(key);
  }
}

function entryKey(accessKeyId: string, nonce: string): string {
  return `${accessKeyId}\n${nonce}`;
}
