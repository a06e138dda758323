/** The duration grammar: an integer and one lowercase unit (s, m, h, d, w), at most 100 years. */
import { describe, expect, it } from 'vitest';
import { formatDuration, MAX_DURATION_SECONDS, parseDuration } from '../../src/config/duration.js';

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
    ['90d', 7_776_000],
    ['007d', 604_800],
    ['36525d', MAX_DURATION_SECONDS],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ seconds });
  });

  it.each([
    ['90D', /units are lowercase: write 90d/],
    ['1W', /lowercase/],
    ['-1d', /negative/],
    ['1.5d', /whole number/],
    ['1,5d', /whole number/],
    ['604800', /unit is missing/],
    ['1w2d', /one unit only/],
    ['7 d', /no space/],
    [' 7d', /spaces/],
    ['7d ', /spaces/],
    ['', /expected an integer and a unit/],
    ['d', /expected an integer and a unit/],
    ['7y', /expected an integer and a unit/],
    ['7days', /expected an integer and a unit/],
    ['+7d', /expected an integer and a unit/],
    ['１d', /expected an integer and a unit/],
    ['36526d', /longer than 100 years/],
    ['99999999999d', /longer than 100 years/],
    ['9'.repeat(400) + 's', /longer than 100 years/],
  ])('rejects %j', (text, reason) => {
    const result = parseDuration(text);
    expect(result).toHaveProperty('error');
    const error = (result as { error: string }).error;
    expect(error).toContain(JSON.stringify(text));
    expect(error).toMatch(reason);
  });
});

describe('formatDuration', () => {
  it.each([
    [604_800, '7d'],
    [86_400 * 90, '90d'],
    [129_600, '36h'],
    [90, '90s'],
    [120, '2m'],
    [0, '0s'],
  ])('writes %i seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
