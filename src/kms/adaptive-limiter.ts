/**
 * An AIMD concurrency limiter: at most `limit` requests in flight for one (account, region) pair (the
 * service keeps its quotas per pair), where the limit
 * adapts to the service's rate quota the way TCP's congestion window adapts to a network. Answers that
 * are not throttlings grow the limit by one per window, up to the ceiling (`--parallelism`); a
 * throttling answer (see `isThrottling` in wire/error-codes.ts) halves it (floor 1). Only a request sent under the current limit can lower it, so
 * the burst of throttlings that one overload causes halves the limit once, not once per request.
 * Requests beyond the limit wait in FIFO order.
 *
 * A window is `limit` answers (a round trip's worth) and at least `windowMs` (250 ms): growing once per
 * round trip, as TCP does, overshoots a per-second quota every few round trips when the sustainable
 * limit is small (4 requests in flight at 200 requests/s and 20 ms), and about one request in ten is
 * throttled; a quarter-second window keeps that near 1% at the same throughput (see bench/).
 *
 * No timers and no I/O: what happens depends only on the calls made and the injected clock, so the
 * tests drive it directly.
 */
import { KmsConfigError } from './errors.js';
import { abortReason } from './retry.js';

export interface AdaptiveLimiterOptions {
  /** The ceiling, and the starting limit unless `initial` says otherwise: the configured parallelism. */
  max: number;
  /** The floor. Default 1. */
  min?: number | undefined;
  /** Where the limit starts. Default `max`: a run that is never throttled runs at full width throughout. */
  initial?: number | undefined;
  /** The factor applied on throttling. Default 0.5. */
  decrease?: number | undefined;
  /** Shortest time from a change of the limit to the next increase, in ms. Default 250. */
  windowMs?: number | undefined;
  /** Monotonic milliseconds. Default `performance.now`. */
  now?: (() => number) | undefined;
}

export const DEFAULT_WINDOW_MS = 250;

/** How a request that held a permit ended. */
export type PermitOutcome =
  /** The service answered (an error answer too) and did not throttle: grows the limit. */
  | 'success'
  /** The service answered with a throttling (429, `Rejected.Throttling`, `Throttling*`): shrinks the limit. */
  | 'throttled'
  /** No answer (network failure, abort): neither grows nor shrinks it. */
  | 'failed';

export interface Permit {
  /** Gives the slot back; only the first call counts. */
  release(outcome: PermitOutcome): void;
}

/** Counters for logs and the benchmark. */
export interface LimiterSnapshot {
  limit: number;
  max: number;
  inFlight: number;
  queued: number;
  /** Times the limit was halved / raised. */
  decreases: number;
  increases: number;
  /** The lowest the limit went. */
  lowest: number;
}

interface Waiter {
  grant(permit: Permit): void;
  detach(): void;
}

export class AdaptiveLimiter {
  readonly max: number;
  readonly min: number;
  readonly #decrease: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  /** When the limit last changed (or the limiter was made). */
  #changedAt: number;
  #limit: number;
  #inFlight = 0;
  #successes = 0;
  /** Bumped at each decrease: permits granted before it cannot decrease the limit again. */
  #epoch = 0;
  #decreases = 0;
  #increases = 0;
  #lowest: number;
  readonly #queue: Waiter[] = [];

  constructor(options: AdaptiveLimiterOptions) {
    this.max = wholeAtLeastOne(options.max, 'max');
    this.min = Math.min(wholeAtLeastOne(options.min ?? 1, 'min'), this.max);
    const initial = wholeAtLeastOne(options.initial ?? this.max, 'initial');
    this.#limit = Math.min(this.max, Math.max(this.min, initial));
    this.#lowest = this.#limit;
    this.#decrease = options.decrease ?? 0.5;
    if (!(this.#decrease > 0 && this.#decrease < 1)) throw new KmsConfigError('options.invalid', `the limiter's decrease factor must be between 0 and 1, got ${this.#decrease}`);
    this.#windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    if (!(this.#windowMs >= 0)) throw new KmsConfigError('options.invalid', `the limiter's window must be a non-negative number of ms, got ${this.#windowMs}`);
    this.#now = options.now ?? (() => performance.now());
    this.#changedAt = this.#now();
  }

  /** Requests allowed in flight now. */
  get limit(): number {
    return this.#limit;
  }

  snapshot(): LimiterSnapshot {
    return {
      limit: this.#limit,
      max: this.max,
      inFlight: this.#inFlight,
      queued: this.#queue.length,
      decreases: this.#decreases,
      increases: this.#increases,
      lowest: this.#lowest,
    };
  }

  /**
   * A slot for one request: at once when one is free and nobody waits, else in turn. Rejects with the
   * signal's reason when it aborts first (nothing was sent, so giving up is always safe).
   */
  acquire(signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.#queue.length === 0 && this.#inFlight < this.#limit) return Promise.resolve(this.#grant());
    return new Promise<Permit>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(abortReason(signal as AbortSignal));
      };
      const waiter: Waiter = {
        grant: resolve,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #grant(): Permit {
    this.#inFlight += 1;
    const epoch = this.#epoch;
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        this.#release(outcome, epoch);
      },
    };
  }

  #release(outcome: PermitOutcome, epoch: number): void {
    this.#inFlight -= 1;
    if (outcome === 'success') this.#grow();
    else if (outcome === 'throttled' && epoch === this.#epoch) this.#shrink();
    this.#drain();
  }

  /** Additive increase: +1 once `limit` answers came back and `windowMs` passed since the last change. */
  #grow(): void {
    if (this.#limit >= this.max) return;
    this.#successes += 1;
    if (this.#successes < this.#limit) return;
    const now = this.#now();
    if (now - this.#changedAt < this.#windowMs) return;
    this.#limit += 1;
    this.#successes = 0;
    this.#changedAt = now;
    this.#increases += 1;
  }

  /** Multiplicative decrease, and a new epoch so the requests already in flight cannot repeat it. */
  #shrink(): void {
    this.#limit = Math.max(this.min, Math.floor(this.#limit * this.#decrease));
    this.#lowest = Math.min(this.#lowest, this.#limit);
    this.#successes = 0;
    this.#changedAt = this.#now();
    this.#epoch += 1;
    this.#decreases += 1;
  }

  #drain(): void {
    while (this.#inFlight < this.#limit) {
      const waiter = this.#queue.shift();
      if (waiter === undefined) return;
      waiter.detach();
      waiter.grant(this.#grant());
    }
  }
}

function wholeAtLeastOne(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new KmsConfigError('options.invalid', `the limiter's ${name} must be a whole number of at least 1, got ${value}`);
  return value;
}
