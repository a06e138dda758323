/**
 * Durations, one grammar for all of kmsctl: the config (`rotation.maxAge`, `warnBefore`), the emulator's
 * clock endpoint and its seeds. A duration is one or more parts, each a whole number and a lowercase
 * unit, largest unit first and each unit at most once: `90d`, `2w`, `36h`, `1d12h`, `1w2d`, `90s`.
 * Where the caller allows a sign (`{ signed: true }`: seed dates such as `-8d`), one `+` or `-` may lead.
 * Nothing else: no fractions, spaces, uppercase units, months or years (their lengths vary), and nothing
 * longer than 100 years, so that date arithmetic on it stays exact. `0d` parses (to 0); whether zero is
 * allowed is the caller's rule. This module imports nothing: the config, the emulator and the CLI share it.
 */

export const DURATION_UNITS = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS;
const UNIT_ORDER = Object.keys(DURATION_UNITS) as DurationUnit[];

/** The longest duration accepted, either way: 100 years of 365.25 days. */
export const MAX_DURATION_SECONDS = 100 * 365.25 * 86_400;

/**
 * The grammar as a regular expression (for JSON Schema `pattern`): parts largest unit first, each unit
 * at most once. `parseDuration` is the authority; it also bounds the length (a test keeps them in step).
 */
export const DURATION_PATTERN = '^(?=[0-9])(?:[0-9]+w)?(?:[0-9]+d)?(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?$';
/** The same with an optional leading sign, for callers that allow one. */
export const SIGNED_DURATION_PATTERN = '^[+-]?(?=[0-9])(?:[0-9]+w)?(?:[0-9]+d)?(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?$';

const UNSIGNED = new RegExp(DURATION_PATTERN, 'u');
const SIGNED = new RegExp(SIGNED_DURATION_PATTERN, 'u');

export interface DurationOptions {
  /** Accept a leading `+` or `-` (the result is then negative for `-`). Default false. */
  signed?: boolean;
}

export type DurationResult = { seconds: number } | { error: string };

/** Parses a duration; the error quotes the input and says what would be accepted, from what was typed. */
export function parseDuration(text: string, options: DurationOptions = {}): DurationResult {
  const seconds = secondsOf(text, options);
  if (seconds !== undefined && Math.abs(seconds) <= MAX_DURATION_SECONDS) return { seconds };
  return { error: `bad duration ${JSON.stringify(text)}: ${durationProblem(text, options) ?? 'not a duration'}` };
}

/** Why a text is not a duration (what parseDuration's error says after the quoted value), or undefined when it is one. */
export function durationProblem(text: string, options: DurationOptions = {}): string | undefined {
  const seconds = secondsOf(text, options);
  if (seconds !== undefined) return Math.abs(seconds) <= MAX_DURATION_SECONDS ? undefined : TOO_LONG;
  return explain(text, options);
}

/**
 * Seconds as a duration of this grammar, largest unit first, without weeks (`129600` → `1d12h`,
 * `604800` → `7d`, `0` → `0s`); negative values get a `-`.
 */
export function formatDuration(seconds: number): string {
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  let rest = Math.trunc(seconds);
  let out = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = DURATION_UNITS[unit];
    const amount = Math.floor(rest / size);
    if (amount > 0) out += `${amount}${unit}`;
    rest -= amount * size;
  }
  return out === '' ? '0s' : out;
}

const TOO_LONG = 'longer than 100 years';
const EXPECTED = 'expected whole numbers with units w, d, h, m or s, largest first, e.g. 90d, 2w or 1d12h';

/** The seconds a text in the grammar stands for (unbounded), or undefined when it is not in it. */
function secondsOf(text: string, options: DurationOptions): number | undefined {
  if (!(options.signed === true ? SIGNED : UNSIGNED).test(text)) return undefined;
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]+)([wdhms])/gu)) total += Number(amount) * DURATION_UNITS[unit as DurationUnit];
  if (!Number.isSafeInteger(total)) return sign * Number.MAX_VALUE;
  return sign * total;
}

/** Words people write for units, as the unit letter. */
const UNIT_WORDS: Record<string, DurationUnit> = {
  week: 'w', weeks: 'w', wk: 'w', wks: 'w',
  day: 'd', days: 'd',
  hour: 'h', hours: 'h', hr: 'h', hrs: 'h',
  minute: 'm', minutes: 'm', min: 'm', mins: 'm',
  second: 's', seconds: 's', sec: 's', secs: 's',
};

/** The reason a text is not a duration, with an example made from what was typed wherever one can be. */
function explain(text: string, options: DurationOptions): string {
  const trimmed = text.trim();
  if (trimmed === '') return EXPECTED;
  if (trimmed !== text) {
    // Suggest the trimmed text only when it is itself a duration; else say what is wrong with it too.
    const problem = durationProblem(trimmed, options);
    return problem === undefined ? `remove the surrounding spaces: write ${trimmed}` : `remove the surrounding spaces; then: ${problem}`;
  }
  const sign = /^[+-]/u.test(text) ? text[0]! : '';
  const body = text.slice(sign.length);
  if (sign !== '' && options.signed !== true) {
    if (sign === '-') return 'a duration cannot be negative here';
    return secondsOf(body, options) !== undefined ? `no sign here: write ${body}` : 'no sign here';
  }
  // Fix the spelling step by step (case, unit words, spaces), saying why; then the structure.
  const why: string[] = [];
  let candidate = body;
  if (candidate.toLowerCase() !== candidate) {
    candidate = candidate.toLowerCase();
    why.push('units are lowercase');
  }
  const letters = wordUnits(candidate);
  if (letters !== undefined && letters !== candidate.replace(/\s+/gu, '')) {
    candidate = letters;
    why.push('use the unit letters w, d, h, m and s');
  } else if (/\s/u.test(candidate)) {
    candidate = candidate.replace(/\s+/gu, '');
    why.push('no spaces');
  }
  const reason = (more: string): string => [...why, more].join(', ');
  const seconds = secondsOf(`${sign}${candidate}`, options);
  if (seconds !== undefined) return Math.abs(seconds) <= MAX_DURATION_SECONDS ? `${why.join(', ')}: write ${sign}${candidate}` : reason(TOO_LONG);
  if (/^[0-9]+$/u.test(candidate)) return reason(`the unit is missing: write ${sign}${candidate}s for seconds or ${sign}${candidate}d for days`);
  if (/^(?:[0-9]*[.,]?[0-9]+[wdhms])+$/u.test(candidate)) return reason(fractionHint(candidate, sign) ?? reorderHint(candidate, sign));
  const amount = /^([0-9]+)(y|yrs?|years?|mo|mons?|months?)$/u.exec(candidate);
  if (amount) {
    const years = amount[2]!.startsWith('y');
    const days = `${sign}${Number(amount[1]) * (years ? 365 : 30)}d`;
    const what = years ? 'years' : 'months';
    if (durationProblem(days, options) !== undefined) return `${what} vary in length, and this is ${TOO_LONG}`;
    return `${what} vary in length: write ${days} for ${years ? '365-day years' : '30-day months'}`;
  }
  if (/^p/iu.test(body)) return `ISO 8601 durations are not read; ${EXPECTED}`;
  return EXPECTED;
}

/** `7 days` → `7d`, `1 week 2 days` → `1w2d`; undefined when a word is not a unit. */
function wordUnits(text: string): string | undefined {
  const parts = [...text.matchAll(/([0-9]+)\s*([a-z]+)\s*/gu)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  let out = '';
  for (const [, amount, word] of parts) {
    const unit = UNIT_WORDS[word!] ?? (Object.hasOwn(DURATION_UNITS, word!) ? (word as DurationUnit) : undefined);
    if (unit === undefined) return undefined;
    out += `${amount}${unit}`;
  }
  return out;
}

/** `1.5d` → "whole numbers only: 1.5d is 1d12h". */
function fractionHint(text: string, sign: string): string | undefined {
  if (!/[.,]/u.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]*[.,]?[0-9]+)([wdhms])/gu)) total += Number(amount!.replace(',', '.')) * DURATION_UNITS[unit as DurationUnit];
  const seconds = Math.round(total * 1000) / 1000;
  if (!Number.isInteger(seconds) || seconds === 0) return 'whole numbers only, and whole seconds at least';
  return `whole numbers only: ${sign}${text} is ${sign}${formatDuration(seconds)}`;
}

/** `12h1d` → "largest unit first: write 1d12h"; `1d1d` → "each unit once: write 2d". */
function reorderHint(text: string, sign: string): string {
  const parts = [...text.matchAll(/([0-9]+)([wdhms])/gu)].map(([, amount, unit]) => ({ amount: Number(amount), unit: unit as DurationUnit }));
  const sums = new Map<DurationUnit, number>();
  for (const { amount, unit } of parts) sums.set(unit, (sums.get(unit) ?? 0) + amount);
  const fixed = UNIT_ORDER.filter((u) => sums.has(u)).map((u) => `${sums.get(u)}${u}`).join('');
  return sums.size !== parts.length ? `each unit once: write ${sign}${fixed}` : `largest unit first: write ${sign}${fixed}`;
}
