/**
 * Guarantee: the emulator compares signatures and security tokens in constant time. Tested by
 * behaviour, not by reading the code: node's timingSafeEqual is spied on, and every comparison
 * (equal, different, of different lengths) must go through it and answer correctly without throwing.
 */
import * as crypto from 'node:crypto';
import { describe, expect, test, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const { signaturesEqual } = await import('../../src/emulator/signature-claim.js');
const { signV1, stringToSignV1 } = await import('../../src/kms/signing/signature-v1.js');
const { readV1Claim } = await import('../../src/emulator/verify-v1.js');

describe('constant-time comparison of signatures', () => {
  test.each([
    ['equal', 'abcDEF123=', 'abcDEF123=', true],
    ['different, same length', 'abcDEF123=', 'abcDEF124=', false],
    ['a prefix of the expected one', 'abcDEF123=', 'abc', false],
    ['longer than the expected one', 'abc', 'abcDEF123=', false],
    ['empty', 'abcDEF123=', '', false],
    ['multi-byte characters of the same length in UTF-16', 'aaaa', 'ééé', false],
  ])('%s: answers correctly through timingSafeEqual, never throwing', (_name, expected, received, equal) => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    expect(signaturesEqual(expected, received)).toBe(equal);
    expect(spy).toHaveBeenCalledTimes(1);
    const [a, b] = spy.mock.calls[0]!;
    // Even a length mismatch costs one full comparison of the expected value's length.
    expect((a as Buffer).length).toBe(Buffer.byteLength(expected));
    expect((b as Buffer).length).toBe(Buffer.byteLength(expected));
  });

  test('verifying a V1 request compares its signature through timingSafeEqual', () => {
    const params: Record<string, string> = {
      Action: 'ListKeys',
      Version: '2016-01-20',
      AccessKeyId: 'id',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'n-1',
      Timestamp: '2026-01-10T08:00:00Z',
    };
    const signature = signV1(stringToSignV1('GET', params), 'secret');
    const request = (sig: string) => ({ method: 'GET', path: '/', query: {}, form: {}, params: { ...params, Signature: sig }, headers: {}, body: Buffer.alloc(0) });
    const spy = vi.mocked(crypto.timingSafeEqual);
    for (const [sig, matches] of [[signature, true], [`${signature}x`, false], ['short', false]] as const) {
      spy.mockClear();
      expect(readV1Claim(request(sig)).verify('secret').matches).toBe(matches);
      expect(spy).toHaveBeenCalled();
    }
  });
});
