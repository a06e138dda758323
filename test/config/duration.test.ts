/**
 * The one duration grammar (src/time/duration.ts): whole numbers with units w, d, h, m, s, largest first,
 * each once, a sign only where the caller allows it, at most 100 years; hints built from what was typed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DURATION_PATTERN, durationProblem, formatDuration, MAX_DURATION_SECONDS, parseDuration, SIGNED_DURATION_PATTERN } from '../../src/time/duration.js';

const RUNS = Number(process.env['KMSCTL_PROPERTY_RUNS'] ?? 150);

describe('parseDuration', () => {
  it.each([
    ['0d', 0],
    ['0s', 0],
    ['1s', 1],
    ['90m', 5_400],
    ['36h', 129_600],
    ['7d', 604_800],
    ['1w', 604_800],
    ['2w', 1_209_600],
    ['12w', 7_257_600],
    ['90d', 7_776_000],
    ['007d', 604_800],
    ['1d12h', 129_600],
    ['1w2d', 777_600],
    ['1w1d1h1m1s', 694_861],
    ['36525d', MAX_DURATION_SECONDS],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ seconds });
  });

  it.each([
    ['-8d', -691_200],
    ['+1h', 3_600],
    ['-1d12h', -129_600],
    ['-0s', -0],
  ])('reads %s as %i seconds where a sign is allowed', (text, seconds) => {
    expect(parseDuration(text, { signed: true })).toEqual({ seconds });
  });

  it.each([
    ['90D', 'units are lowercase: write 90d'],
    ['1W', 'units are lowercase: write 1w'],
    ['1D12H', 'units are lowercase: write 1d12h'],
    ['-1d', 'a duration cannot be negative here'],
    ['+7d', 'no sign here: write 7d'],
    ['1.5d', 'whole numbers only: 1.5d is 1d12h'],
    ['1,5d', 'whole numbers only: 1,5d is 1d12h'],
    ['2.5h', 'whole numbers only: 2.5h is 2h30m'],
    ['0.1s', 'whole numbers only, and whole seconds at least'],
    ['604800', 'the unit is missing: write 604800s for seconds or 604800d for days'],
    ['12h1d', 'largest unit first: write 1d12h'],
    ['2d1w', 'largest unit first: write 1w2d'],
    ['1d1d', 'each unit once: write 2d'],
    ['7 d', 'no spaces: write 7d'],
    ['1d 12h', 'no spaces: write 1d12h'],
    ['7days', 'use the unit letters w, d, h, m and s: write 7d'],
    ['2 weeks', 'use the unit letters w, d, h, m and s: write 2w'],
    ['1 week 2 days', 'use the unit letters w, d, h, m and s: write 1w2d'],
    ['90 D', 'units are lowercase, no spaces: write 90d'],
    ['12H 1D', 'units are lowercase, no spaces, largest unit first: write 1d12h'],
    ['1y', 'years vary in length: write 365d for 365-day years'],
    ['3 months', 'months vary in length: write 90d for 30-day months'],
    [' 7d', 'remove the surrounding spaces: write 7d'],
    ['7d ', 'remove the surrounding spaces: write 7d'],
    ['36526d', 'longer than 100 years'],
    ['99999999999d', 'longer than 100 years'],
    ['9'.repeat(400) + 's', 'longer than 100 years'],
  ])('rejects %j: %s', (text, reason) => {
    const result = parseDuration(text);
    expect(result).toEqual({ error: `bad duration ${JSON.stringify(text)}: ${reason}` });
    expect(durationProblem(text)).toBe(reason);
  });

  it.each(['', 'd', '7x', 'P90D', '１d', '1d-', 'w'])('rejects %j with the grammar in the reason', (text) => {
    expect(durationProblem(text)).toMatch(/whole numbers with units w, d, h, m or s/);
  });

  it('gives, in every hint that says "write X", an X that parses', () => {
    const piece = fc.constantFrom('1', '12', '90', '1.5', ' ', 'd', 'D', 'h', 'w', 'm', 's', 'days', 'week', '-', '+', 'y', ',');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.boolean(), (pieces, signed) => {
        const text = pieces.join('');
        const problem = durationProblem(text, { signed });
        const written = problem === undefined ? undefined : /: write (\S+)$/.exec(problem)?.[1];
        if (written !== undefined) expect(parseDuration(written, { signed }), `${text} → ${problem}`).toHaveProperty('seconds');
      }),
      { numRuns: RUNS * 4 },
    );
  });
});

describe('the duration patterns', () => {
  it('accept exactly what parseDuration reads, up to the 100-year bound', () => {
    const unit = fc.constantFrom('w', 'd', 'h', 'm', 's', 'W', 'y', '');
    const text = fc.tuple(fc.constantFrom('', '-', '+'), fc.array(fc.tuple(fc.constantFrom('', '0', '1', '12', '007', '1.5'), unit), { maxLength: 5 }));
    fc.assert(
      fc.property(text, fc.boolean(), ([sign, parts], signed) => {
        const written = sign + parts.map(([n, u]) => n + u).join('');
        const pattern = new RegExp(signed ? SIGNED_DURATION_PATTERN : DURATION_PATTERN, 'u');
        const problem = durationProblem(written, { signed });
        expect(pattern.test(written), written).toBe(problem === undefined || problem === 'longer than 100 years');
      }),
      { numRuns: RUNS * 4 },
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [604_800, '7d'],
    [86_400 * 90, '90d'],
    [129_600, '1d12h'],
    [90, '1m30s'],
    [120, '2m'],
    [0, '0s'],
    [-691_200, '-8d'],
  ])('writes %i seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('writes what parseDuration reads back', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_DURATION_SECONDS, max: MAX_DURATION_SECONDS }), (seconds) => {
        expect(parseDuration(formatDuration(seconds), { signed: true })).toEqual({ seconds: seconds === 0 ? 0 : seconds });
      }),
      { numRuns: RUNS },
    );
  });
});
