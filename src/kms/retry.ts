/**
 * Retries with exponential back-off and full jitter (sleep = random(0, min(cap, base·2^retry))), a
 * bounded number of attempts and the call's deadline. Only idempotent actions are retried, and only
 * for failures that say "try again": any throttling (429, `Rejected.Throttling`, `Throttling*`), `ServiceUnavailable*`, `InternalFailure`, any 5xx,
 * and network failures other than an exhausted deadline.
 */
import { isRetryableAnswer } from './wire/error-codes.js';
import { KmsApiError, KmsConfigError, KmsTransportError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first one included. Default 5; 1 disables retries. */
  maxAttempts: number;
  /** The back-off base. Default 500 ms. */
  baseDelayMs: number;
  /** The back-off cap. Default 8000 ms. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8_000 });

/** Time, sleep and randomness, injectable so the loop is tested without waiting. */
export interface RetryRuntime {
  /** Milliseconds since the epoch (also used for the signature's Timestamp). */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
}

export const SYSTEM_RUNTIME: RetryRuntime = Object.freeze({ now: () => Date.now(), sleep: abortableSleep, random: () => Math.random() });

/** A full runtime from a partial one (a class instance works too: its methods are called on it). */
export function resolveRuntime(runtime: Partial<RetryRuntime> | undefined): RetryRuntime {
  if (!runtime) return SYSTEM_RUNTIME;
  return {
    now: runtime.now ? () => (runtime.now as RetryRuntime['now']).call(runtime) : SYSTEM_RUNTIME.now,
    sleep: runtime.sleep ? (ms, signal) => (runtime.sleep as RetryRuntime['sleep']).call(runtime, ms, signal) : SYSTEM_RUNTIME.sleep,
    random: runtime.random ? () => (runtime.random as RetryRuntime['random']).call(runtime) : SYSTEM_RUNTIME.random,
  };
}

/** Merges a partial policy over the defaults and checks it (a bad value is a `KmsConfigError`). */
export function resolveRetryPolicy(policy: Partial<RetryPolicy> | undefined): RetryPolicy {
  const merged = { ...DEFAULT_RETRY_POLICY, ...definedOnly(policy ?? {}) };
  if (!Number.isInteger(merged.maxAttempts) || merged.maxAttempts < 1) {
    throw new KmsConfigError('options.invalid', `retry maxAttempts must be an integer of at least 1, got ${merged.maxAttempts}`);
  }
  for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(merged[name]) || merged[name] < 0) throw new KmsConfigError('options.invalid', `retry ${name} must be a non-negative number, got ${merged[name]}`);
  }
  return merged;
}

/** Full jitter: a uniform draw in [0, min(cap, base·2^retryIndex)), retryIndex counting from 0. */
export function fullJitterDelay(retryIndex: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(Math.min(Math.max(random(), 0), 1 - Number.EPSILON) * ceiling);
}

/** Whether a failure is worth another attempt of an idempotent action. */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof KmsApiError) return isRetryableAnswer(error);
  if (error instanceof KmsTransportError) {
    if (error.kind === 'connect' || error.kind === 'reset' || error.kind === 'timeout') return true;
    return error.kind === 'bad-response' && error.httpStatus !== undefined && error.httpStatus >= 500;
  }
  return false;
}

export interface RetryLoop<T> {
  /** False for actions that must never be sent twice (CreateKeyVersion): the first failure is final. */
  idempotent: boolean;
  policy: RetryPolicy;
  runtime: RetryRuntime;
  /** No new attempt starts, and no sleep is begun, that would end after this time (ms since the epoch). */
  deadlineAt: number;
  /** Stops the loop between attempts (SIGINT): rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** One attempt, numbered from 1. */
  attempt(attemptNumber: number): Promise<T>;
  /** Called after each failed attempt with the back-off chosen, or undefined when the failure is final. */
  onFailure?(error: unknown, attemptNumber: number, retryDelayMs: number | undefined): void;
}

/** Runs attempts until one succeeds or a failure is final. */
export async function runWithRetries<T>(loop: RetryLoop<T>): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    throwIfAborted(loop.signal);
    try {
      return await loop.attempt(attemptNumber);
    } catch (error) {
      const delay = retryDelay(loop, error, attemptNumber);
      loop.onFailure?.(error, attemptNumber, delay);
      if (delay === undefined) throw error;
      await loop.runtime.sleep(delay, loop.signal);
    }
  }
}

/** The back-off before the next attempt, or undefined when there must be no next attempt. */
function retryDelay<T>(loop: RetryLoop<T>, error: unknown, attemptNumber: number): number | undefined {
  if (!loop.idempotent || loop.signal?.aborted || attemptNumber >= loop.policy.maxAttempts || !isRetryableError(error)) return undefined;
  const delay = fullJitterDelay(attemptNumber - 1, loop.policy, () => loop.runtime.random());
  return loop.runtime.now() + delay < loop.deadlineAt ? delay : undefined;
}

/** Rejects with the signal's reason (an `AbortError` when it has none) when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted', 'AbortError');
}

/** setTimeout as a promise that an AbortSignal cuts short. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
