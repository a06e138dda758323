/**
 * Instants for planning. The service writes dates as `2026-11-22T04:41:58Z`; the planner compares them
 * as instants (milliseconds since the epoch) and writes them back in the same form, without milliseconds.
 */

import { isNormalUtcDate } from '../time/utc-date.js';

const SECOND_MS = 1000;

/** Milliseconds since the epoch, or undefined for an absent or unreadable date. */
export function parseInstant(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `YYYY-MM-DDTHH:mm:ssZ`, rounded down to the second. */
export function formatInstant(ms: number): string {
  const floored = Math.floor(ms / SECOND_MS) * SECOND_MS;
  return new Date(floored).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Like formatInstant, but rounded up: for "not before" times, which must never read earlier than they are. */
export function formatInstantCeil(ms: number): string {
  return formatInstant(Math.ceil(ms / SECOND_MS) * SECOND_MS);
}

/**
 * A service date in the plan's form; an unreadable one is kept as written. A date already in that form
 * (every date the decoder passed) is the same string, not a copy: a fleet's plan holds one per version,
 * and a copy made three strings of each (about 10 MB for 10,000 keys of 10 versions).
 */
export function normaliseDate(text: string): string {
  if (isNormalUtcDate(text)) return text;
  const ms = parseInstant(text);
  return ms === undefined ? text : formatInstant(ms);
}

/** The latest of the readable instants, or undefined when none is. */
export function latestInstant(...texts: (string | undefined)[]): number | undefined {
  let latest: number | undefined;
  for (const text of texts) {
    const ms = parseInstant(text);
    if (ms !== undefined && (latest === undefined || ms > latest)) latest = ms;
  }
  return latest;
}

/**
 * A duration as `3d 4h`, `5h 12m`, `42s`: the two largest non-zero units, rounded down. Used in reasons
 * and by the renderers for relative times.
 */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / SECOND_MS));
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = totalSeconds;
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count}${unit}`);
    if (parts.length === 2) break;
  }
  const nonZero = parts.filter((p) => !/^0[a-z]$/.test(p));
  return nonZero.length > 0 ? nonZero.join(' ') : '0s';
}
