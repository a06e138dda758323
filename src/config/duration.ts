/**
 * Durations as written in the config: a non-negative integer and one lowercase unit, `s`, `m`, `h`,
 * `d` or `w` (`90d`, `2w`, `36h`). Nothing else: no fractions, no signs, no spaces, no compound forms
 * (`1w2d`), no uppercase units (`90D`), and nothing longer than 100 years, so that date arithmetic on
 * it stays exact. `0d` parses (to 0); whether zero is allowed is the caller's rule.
 */

export const DURATION_UNITS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

/** The longest duration accepted: 100 years of 365.25 days. */
export const MAX_DURATION_SECONDS = 100 * 365.25 * 86_400;

/** The schema's pattern for a duration; `parseDuration` is the authority, this helps editors. */
export const DURATION_PATTERN = '^[0-9]+[smhdw]$';

export type DurationResult = { seconds: number } | { error: string };

/** Parses a duration; the error text quotes the input and says what would be accepted. */
export function parseDuration(text: string): DurationResult {
  const match = /^([0-9]+)([smhdw])$/.exec(text);
  if (match) {
    const amount = Number(match[1]);
    const seconds = amount * DURATION_UNITS[match[2] as DurationUnit];
    if (!Number.isSafeInteger(seconds) || seconds > MAX_DURATION_SECONDS) {
      return { error: `bad duration ${JSON.stringify(text)}: ${TOO_LONG}` };
    }
    return { seconds };
  }
  return { error: `bad duration ${JSON.stringify(text)}: ${explain(text)}` };
}

const TOO_LONG = 'longer than 100 years';

/** Why a text is not a duration (the part of parseDuration's error after the quoted value), or undefined. */
export function durationProblem(text: string): string | undefined {
  const parsed = parseDuration(text);
  if (!('error' in parsed)) return undefined;
  return /^[0-9]+[smhdw]$/.test(text) ? TOO_LONG : explain(text);
}

/** Formats seconds back into the largest exact unit up to days (`604800` → `7d`, `90000` → `25h`). */
export function formatDuration(seconds: number): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    const size = DURATION_UNITS[unit];
    if (seconds !== 0 && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

function explain(text: string): string {
  const expected = 'expected an integer and a unit s, m, h, d or w, e.g. 90d, 2w or 36h';
  const trimmed = text.trim();
  if (trimmed === '') return expected;
  if (trimmed !== text) return 'remove the surrounding spaces';
  if (/^[0-9]+[SMHDW]$/.test(text)) return `units are lowercase: write ${text.toLowerCase()}`;
  if (/^-/.test(text)) return 'a duration cannot be negative';
  if (/^[0-9]*[.,][0-9]+[smhdw]$/.test(text)) return 'use a whole number of a smaller unit (1.5d is 36h)';
  if (/^[0-9]+$/.test(text)) return `the unit is missing: write ${text}s for seconds or ${text}d for days`;
  if (/^[0-9]+(?:[smhdw][0-9]+)+[smhdw]$/.test(text)) return 'one unit only: write 1w2d as 9d';
  if (/^[0-9]+\s+[smhdw]$/.test(text)) return `no space between the number and the unit: write ${text.replace(/\s+/g, '')}`;
  return expected;
}
