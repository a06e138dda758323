/** The client's time limits, with defaults sized for an interactive CLI. */
import { KmsConfigError } from './errors.js';

export interface KmsTimeouts {
  /** TCP + TLS connect, per attempt. Default 5000 ms. */
  connectMs: number;
  /** From sending the request to the end of the response headers, per attempt. Default 15000 ms. */
  headersMs: number;
  /** Longest pause between two chunks of the response body, per attempt. Default 15000 ms. */
  bodyMs: number;
  /** The whole call, every attempt and back-off included. Default 60000 ms. */
  deadlineMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<KmsTimeouts> = Object.freeze({ connectMs: 5_000, headersMs: 15_000, bodyMs: 15_000, deadlineMs: 60_000 });

/** Merges partial time-outs over the defaults; a value that is not a positive number is a `KmsConfigError`. */
export function resolveTimeouts(timeouts: Partial<KmsTimeouts> | undefined): KmsTimeouts {
  const resolved = { ...DEFAULT_TIMEOUTS };
  for (const name of Object.keys(DEFAULT_TIMEOUTS) as (keyof KmsTimeouts)[]) {
    const value = timeouts?.[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new KmsConfigError('options.invalid', `time-out ${name} must be a positive number of milliseconds, got ${String(value)}`);
    }
    resolved[name] = value;
  }
  return resolved;
}
