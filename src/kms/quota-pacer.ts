/**
 * Paces one quota group of one (account, region) pair to the service's rate quota, so that a run at
 * the quota is rarely throttled instead of being throttled and backing off. It is a token bucket kept
 * as its next free slot (GCRA: each request reserves the slot after the previous one, and may run up
 * to `burst` slots ahead), so a waiting request needs no queue and no timer of its own, only a sleep.
 *
 * The rate adapts. A throttling answer (see `isThrottling`) lowers it by `decrease`, once per overload:
 * answers to requests paced before the last decrease do not lower it again (as the AIMD limiter's epochs). It then grows back
 * linearly, `recoveryPerSecond` of the configured figure a second, up to that figure. So an account
 * that still has the older, lower quotas (20 reads a second where kmsctl assumes 50) settles near its
 * real quota within a few throttlings, without configuration.
 *
 * No timers and no I/O: the clock and the sleep are injected, so the tests drive it directly.
 */
import { KmsConfigError } from './errors.js';
import { abortReason } from './retry.js';

export interface QuotaPacerOptions {
  /** The configured figure: requests per second, and the ceiling of the adapted rate. */
  ratePerSecond: number;
  /**
   * Requests that may go at once after a quiet spell. Default a fifth of a second's worth (10 at 50 a
   * second): small runs do not wait, and the service's own bucket, presumably a second's worth, keeps
   * most of its slack for the jitter of the network, which a pace at the quota's exact speed needs.
   */
  burst?: number | undefined;
  /** Factor applied to the rate on a throttling answer. Default 0.7. */
  decrease?: number | undefined;
  /** The adapted rate never goes below this share of the configured figure. Default 0.1. */
  floorShare?: number | undefined;
  /** Share of the configured figure regained per second after a decrease. Default 0.02 (50 s from 0 to full). */
  recoveryPerSecond?: number | undefined;
  /** Monotonic milliseconds. */
  now: () => number;
  /** Resolves after `ms`, or rejects with the signal's reason. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What a paced request carries back to the pacer: when it was paced, and under which rate, so a stale answer cannot lower the rate twice. */
export interface PaceTicket {
  readonly pacedAt: number;
  /** The number of decreases before it was paced. */
  readonly epoch: number;
}

export interface PacerSnapshot {
  /** The configured figure and the adapted rate now (requests per second). */
  configured: number;
  rate: number;
  /** The lowest the rate went, and how many times a throttling lowered it. */
  lowest: number;
  decreases: number;
  /** Requests paced, and the total time they waited for their slot (ms). */
  paced: number;
  waitedMs: number;
}

export class QuotaPacer {
  readonly configured: number;
  readonly #burst: number;
  readonly #decrease: number;
  readonly #floor: number;
  readonly #recoveryPerMs: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The rate right after the last decrease, and when that was: the rate now grows linearly from there. */
  #baseRate: number;
  #decreasedAt = Number.NEGATIVE_INFINITY;
  /** The earliest time the next request may go at the steady pace (GCRA's theoretical arrival time). */
  #nextSlot = Number.NEGATIVE_INFINITY;
  #lowest: number;
  #decreases = 0;
  #paced = 0;
  #waitedMs = 0;

  constructor(options: QuotaPacerOptions) {
    this.configured = positive(options.ratePerSecond, 'rate');
    this.#burst = options.burst === undefined ? Math.max(1, Math.floor(this.configured / 5)) : Math.max(1, positive(options.burst, 'burst'));
    this.#decrease = share(options.decrease ?? 0.7, 'decrease');
    this.#floor = this.configured * share(options.floorShare ?? 0.1, 'floorShare');
    this.#recoveryPerMs = (this.configured * positive(options.recoveryPerSecond ?? 0.02, 'recoveryPerSecond')) / 1000;
    this.#now = options.now;
    this.#sleep = options.sleep;
    this.#baseRate = this.configured;
    this.#lowest = this.configured;
  }

  /** Requests per second allowed now. */
  get rate(): number {
    const recovered = this.#baseRate + (this.#now() - this.#decreasedAt) * this.#recoveryPerMs;
    return Math.min(this.configured, recovered);
  }

  /**
   * Waits for this request's slot. Rejects with the signal's reason when it aborts first (nothing was
   * sent, so giving up is safe; the slot it reserved is given back when it was the last one).
   */
  async pace(signal?: AbortSignal): Promise<PaceTicket> {
    if (signal?.aborted) throw abortReason(signal);
    const now = this.#now();
    const interval = 1000 / this.rate;
    const slot = Math.max(now, this.#nextSlot);
    const reserved = slot + interval;
    this.#nextSlot = reserved;
    // The bucket: a request may go `burst - 1` intervals before its slot, so a quiet pacer lets a few go at once.
    const wait = slot - (this.#burst - 1) * interval - now;
    this.#paced += 1;
    if (wait > 0) {
      this.#waitedMs += wait;
      try {
        await this.#sleep(wait, signal);
      } catch (error) {
        if (this.#nextSlot === reserved) this.#nextSlot = slot;
        throw error;
      }
    }
    return { pacedAt: this.#now(), epoch: this.#decreases };
  }

  /** A throttling answer to a request paced with `ticket`: lowers the rate, once per overload (requests paced before a decrease cannot repeat it). */
  throttled(ticket: PaceTicket): void {
    if (ticket.epoch !== this.#decreases) return;
    const now = this.#now();
    this.#baseRate = Math.max(this.#floor, this.rate * this.#decrease);
    this.#decreasedAt = now;
    this.#lowest = Math.min(this.#lowest, this.#baseRate);
    this.#decreases += 1;
  }

  snapshot(): PacerSnapshot {
    return { configured: this.configured, rate: this.rate, lowest: this.#lowest, decreases: this.#decreases, paced: this.#paced, waitedMs: Math.round(this.#waitedMs) };
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new KmsConfigError('options.invalid', `the pacer's ${name} must be a positive number, got ${String(value)}`);
  return value;
}

function share(value: number, name: string): number {
  if (!(value > 0 && value < 1)) throw new KmsConfigError('options.invalid', `the pacer's ${name} must be between 0 and 1, got ${String(value)}`);
  return value;
}
