/**
 * Dates and durations as the emulator reads and writes them. The service writes `2026-11-22T04:41:58Z`
 * (UTC, whole seconds), so every date the emulator stores is floored to the second: a client that reads
 * `LastRotationDate` and adds 7 days must get exactly the instant the 7-day rule allows.
 */

import { parseDuration as parseKmsctlDuration } from '../time/duration.js';

/**
 * The instants the emulator's dates can take: the state file writes them as `YYYY-MM-DDTHH:mm:ssZ`, four
 * digits of year, and reads back nothing else (a later year is written `+010000-...`). Before 1970 no
 * KMS key ever existed. The clock, seeds and every stored date stay within these bounds.
 */
export const EARLIEST_DATE_MS = 0;
export const LATEST_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59);
export const DATE_RANGE_TEXT = '1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z';

/** Whether the state file can hold the instant (see LATEST_DATE_MS). */
export function isStorableDate(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_DATE_MS && ms <= LATEST_DATE_MS;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Floors an instant to the second. */
export function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** `YYYY-MM-DDTHH:mm:ssZ`, floored to the second. */
export function formatDate(ms: number): string {
  return new Date(floorToSecond(ms)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A signed duration of kmsctl's one grammar (src/time/duration.ts: `7d`, `-12h`, `1d12h`, `2w`, `90s`)
 * in milliseconds, or why the text is not one: the config, the clock endpoint and seeds read alike.
 */
export function readDuration(text: string): { ms: number } | { error: string } {
  const parsed = parseKmsctlDuration(text.trim(), { signed: true });
  return 'seconds' in parsed ? { ms: parsed.seconds * 1000 } : parsed;
}

/** `readDuration`'s milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const read = readDuration(text);
  return 'ms' in read ? read.ms : undefined;
}

/** An ISO 8601 date-time with a zone (`Z` or `+08:00`) in milliseconds, or undefined. */
export function parseIsoDate(text: string): number | undefined {
  if (!ISO_DATE.test(text.trim())) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A date as seeds write it: ISO 8601, `now`, or a signed offset from the emulator clock in the one
 * duration grammar (`-8d`, `+1h`, `-1d12h`, `-2w`). Undefined when it is none of these.
 */
export function parseSeedDate(text: string, nowMs: number): number | undefined {
  const trimmed = text.trim();
  if (trimmed === 'now') return nowMs;
  if (/^[+-]/.test(trimmed)) {
    const offset = parseDuration(trimmed);
    return offset === undefined ? undefined : nowMs + offset;
  }
  return parseIsoDate(trimmed);
}
