import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseDuration } from '../../src/emulator/dates.js';
import { NonceCache, TIMESTAMP_TOLERANCE_MS } from '../../src/emulator/nonce-cache.js';
import { startTest } from './helpers.js';
import { ALL_TRANSPORTS } from './signed-client.js';

describe('properties', () => {
  test('any Unicode text survives signing, transport and decoding on every transport', async () => {
    const { kms } = await startTest();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(...ALL_TRANSPORTS), async (description, transport) => {
        const response = await kms.call('CreateKey', { Description: description }, { transport });
        expect(response.status).toBe(200);
        expect(response.body.KeyMetadata.Description).toBe(description);
      }),
      { numRuns: 60 },
    );
  });

  test('a duration is the sum of its parts, largest unit first as the config writes them, and nothing else', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(100), (d, h, m, s, w) => {
        expect(parseDuration(`${w}w${d}d${h}h${m}m${s}s`)).toBe((((w * 7 + d) * 24 + h) * 60 + m) * 60_000 + s * 1000);
        // + 0 reads -0 as 0: "-0d0s" is no time at all.
        expect(parseDuration(`-${d}d${s}s`)! + 0).toBe(-(s * 1000 + d * 86_400_000) + 0);
        expect(parseDuration(`${s}s${d}d`)).toBeUndefined();
      }),
    );
  });
});

describe('nonce cache', () => {
  test('a nonce is refused for 15 minutes after use and accepted again afterwards', () => {
    let now = 1_000_000;
    const cache = new NonceCache(() => now);
    cache.remember('ak', 'n', now);
    now += TIMESTAMP_TOLERANCE_MS - 1;
    expect(cache.has('ak', 'n')).toBe(true);
    expect(cache.has('other-ak', 'n')).toBe(false);
    now += 1;
    expect(cache.has('ak', 'n')).toBe(false);
  });

  test('a nonce of a future-dated request is kept until that request could no longer pass', () => {
    let now = 1_000_000;
    const cache = new NonceCache(() => now);
    cache.remember('ak', 'n', now + 10 * 60_000);
    now += 20 * 60_000;
    expect(cache.has('ak', 'n')).toBe(true);
    now += 5 * 60_000;
    expect(cache.has('ak', 'n')).toBe(false);
  });

  test('expired nonces are swept so memory stays bounded', () => {
    let now = 0;
    const cache = new NonceCache(() => now);
    for (let i = 0; i < 5000; i += 1) {
      cache.remember('ak', `n${i}`, now);
      now += 1000;
    }
    expect(cache.size).toBeLessThan(5000);
  });
});
