/**
 * Dates and durations as the emulator reads and writes them. The service writes `2026-11-22T04:41:58Z`
 * (UTC, whole seconds), so every date the emulator stores is floored to the second: a client that reads
 * `LastRotationDate` and adds 7 days must get exactly the instant the 7-day rule allows.
 */

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

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^[+-]?(?:\d+[smhd])+$/;
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
 * A signed duration such as `7d`, `-12h`, `1d12h`, `90s` in milliseconds (units s, m, h, d), or
 * undefined when the text is not one.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DURATION.test(trimmed)) return undefined;
  const sign = trimmed.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+)([smhd])/g)) {
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  }
  return Number.isSafeInteger(total) ? sign * total : undefined;
}

/** An ISO 8601 date-time with a zone (`Z` or `+08:00`) in milliseconds, or undefined. */
export function parseIsoDate(text: string): number | undefined {
  if (!ISO_DATE.test(text.trim())) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A date as seeds write it: ISO 8601, `now`, or an offset from the emulator clock (`-8d`, `+1h`,
 * `-1d12h`). Undefined when it is none of these.
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
