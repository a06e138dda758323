/**
 * One bound on the requests in flight across every client of a run (the CLI's `--parallelism`): the
 * per-(account, region) limiters adapt to each pair's quota, and this keeps the process within the
 * machine however many pairs run at once. Requests beyond it wait in FIFO order.
 */
import { KmsConfigError } from './errors.js';
import { abortReason } from './retry.js';

interface Waiter {
  grant(release: () => void): void;
  detach(): void;
}

export class ConcurrencyBound {
  readonly max: number;
  #inFlight = 0;
  #peak = 0;
  readonly #queue: Waiter[] = [];

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new KmsConfigError('options.invalid', `the bound on requests in flight must be a whole number of at least 1, got ${String(max)}`);
    this.max = max;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** The most requests that were in flight at once. */
  get peak(): number {
    return this.#peak;
  }

  /** Resolves with the function that gives the slot back (only its first call counts). */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.#queue.length === 0 && this.#inFlight < this.max) return Promise.resolve(this.#grant());
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(abortReason(signal as AbortSignal));
      };
      const waiter: Waiter = { grant: resolve, detach: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #grant(): () => void {
    this.#inFlight += 1;
    this.#peak = Math.max(this.#peak, this.#inFlight);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight -= 1;
      const next = this.#queue.shift();
      if (next) {
        next.detach();
        next.grant(this.#grant());
      }
    };
  }
}
