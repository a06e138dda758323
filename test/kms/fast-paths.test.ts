/**
 * The request path's fast paths (kept for CPU at thousands of requests per run) give exactly what the
 * general code gives: each is checked against that code on generated input.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DecodeError, normaliseDate, parseIsoDate } from '../../src/kms/decode.js';
import { isNormalUtcDate } from '../../src/time/utc-date.js';
import { parseHttpDate } from '../../src/kms/interpret-response.js';
import { encodeForm, formatTimestamp, signedFormBody, signedParams, type SignedRequestInput } from '../../src/kms/signed-request.js';
import { percentEncode, percentEncodeAll } from '../../src/kms/signing/percent-encode.js';

/** What `fn` returns, or the class of what it throws. */
function outcome(fn: () => string): string {
  try {
    return `ok ${fn()}`;
  } catch (error) {
    return `throws ${(error as Error).constructor.name}`;
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Date-like text around the normal form: valid, out of range, other separators, offsets, fractions, blanks. */
const dateLike = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    t: fc.constantFrom('T', 'T', 'T', 't', ' '),
    suffix: fc.constantFrom('Z', 'Z', 'Z', 'z', '+08:00', '-0130', '.123Z', '.5Z', '', '+00:00'),
    blank: fc.constantFrom('', '', '', ' ', '\n'),
  })
  .map((d) => `${d.blank}${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}${d.t}${pad(d.hour, 2)}:${pad(d.minute, 2)}:${pad(d.second, 2)}${d.suffix}`);

describe('the normal-form date fast path', () => {
  test('normaliseDate gives what the general ISO 8601 path gives, or refuses alike', () => {
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string(), fc.string({ minLength: 20, maxLength: 20 })), (text) => {
        expect(outcome(() => normaliseDate(text, 'CreationDate'))).toBe(outcome(() => parseIsoDate(text, 'CreationDate')));
      }),
      { numRuns: 5_000 },
    );
  });

  test('a text taken by the fast path is one the general path returns unchanged', () => {
    fc.assert(
      fc.property(dateLike, (text) => {
        if (isNormalUtcDate(text)) expect(parseIsoDate(text, 'CreationDate')).toBe(text);
      }),
      { numRuns: 5_000 },
    );
  });

  test.each([
    ['2024-02-29T23:59:59Z', true],
    ['2000-02-29T00:00:00Z', true],
    ['2026-02-29T00:00:00Z', false],
    ['1900-02-29T00:00:00Z', false],
    ['2026-04-31T00:00:00Z', false],
    ['2026-01-01T24:00:00Z', false],
    ['2026-01-01T23:59:60Z', false],
    ['2026-01-01t00:00:00Z', false],
    ['2026-01-01T00:00:00z', false],
    ['2026-01-0１T00:00:00Z', false],
  ])('%s is in the normal form: %s', (text, normal) => {
    expect(isNormalUtcDate(text)).toBe(normal);
  });

  test('dates the fast path leaves to the general path keep being normalised or refused as before', () => {
    expect(normaliseDate('2026-02-29T00:00:00Z', 'CreationDate')).toBe('2026-03-01T00:00:00Z');
    expect(normaliseDate('2026-01-01T24:00:00Z', 'CreationDate')).toBe('2026-01-02T00:00:00Z');
    expect(() => normaliseDate('2026-01-01T23:59:60Z', 'CreationDate')).toThrow(DecodeError);
  });
});

describe('the unreserved-text fast path of percent-encoding', () => {
  test('percentEncode gives what the general path gives for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string(), fc.stringMatching(/^[A-Za-z0-9\-_.~]*$/), fc.stringMatching(/^[A-Za-z0-9\-_.~!'()* /:=&%+]*$/)), (text) => {
        expect(percentEncode(text)).toBe(percentEncodeAll(text));
      }),
      { numRuns: 5_000 },
    );
  });

  test('a lone surrogate is refused by both paths', () => {
    expect(() => percentEncode('a\uD800')).toThrow(URIError);
    expect(() => percentEncodeAll('a\uD800')).toThrow(URIError);
  });
});

describe('signed form bodies', () => {
  const parameters = fc.dictionary(fc.oneof(fc.string({ minLength: 1, unit: 'grapheme' }), fc.constantFrom('KeyId', 'Action', 'Signature', 'Timestamp', 'PageSize')), fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined }));
  const inputs = fc.record({
    action: fc.constantFrom('DescribeKey', 'ListKeyVersions', 'CreateKeyVersion'),
    params: parameters,
    credentials: fc.record({ accessKeyId: fc.string({ minLength: 1 }), accessKeySecret: fc.string({ minLength: 1 }), securityToken: fc.option(fc.string(), { nil: undefined }) }),
    regionId: fc.constantFrom('cn-hangzhou', 'ap-southeast-1'),
    now: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    nonce: fc.uuid(),
    method: fc.constantFrom<'POST' | 'GET' | undefined>('POST', 'GET', undefined),
  });

  test('the body built with each pair encoded once is the form encoding of the signed parameters, byte for byte', () => {
    fc.assert(
      fc.property(inputs, (input: SignedRequestInput) => {
        expect(signedFormBody(input)).toBe(encodeForm(signedParams(input)));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('once-a-second caches', () => {
  const reference = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

  test('formatTimestamp gives the reference text for any instant, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_999 }), { minLength: 1, maxLength: 20 }), (instants) => {
        for (const ms of instants) {
          expect(formatTimestamp(ms)).toBe(reference(ms));
          expect(formatTimestamp(ms + 1)).toBe(reference(ms + 1));
        }
      }),
    );
  });

  test('formatTimestamp refuses an invalid instant as before', () => {
    expect(() => formatTimestamp(Number.NaN)).toThrow(RangeError);
  });

  test('parseHttpDate gives a new Date each time, equal to the parsed header', () => {
    const header = 'Sun, 22 Nov 2026 04:41:58 GMT';
    const first = parseHttpDate(header);
    const second = parseHttpDate(header);
    expect(first).toEqual(new Date(Date.parse(header)));
    expect(second).not.toBe(first);
    first?.setTime(0);
    expect(parseHttpDate(header)?.getTime()).toBe(Date.parse(header));
    expect(parseHttpDate('not a date')).toBeUndefined();
    expect(parseHttpDate(undefined)).toBeUndefined();
    expect(parseHttpDate(header)?.getTime()).toBe(Date.parse(header));
  });
});
