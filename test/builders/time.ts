/** Time helpers for tests: ISO instants in the service's form and offsets in plain units. */

export const SECOND_MS = 1000;
export const HOUR_MS = 3600 * SECOND_MS;
export const DAY_MS = 24 * HOUR_MS;

/** `2026-01-01T00:00:00Z`: the default epoch of test worlds. */
export const T0 = '2026-01-01T00:00:00Z';

/** `base` moved by `ms` milliseconds, as `YYYY-MM-DDTHH:mm:ssZ` (milliseconds dropped). */
export function isoPlus(base: string, ms: number): string {
  return new Date(Date.parse(base) + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A Date `ms` milliseconds after `base` (keeps milliseconds). */
export function datePlus(base: string, ms: number): Date {
  return new Date(Date.parse(base) + ms);
}

export function days(n: number): number {
  return n * DAY_MS;
}
