/** Suggestions for mistyped field names. */
import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/diagnostics/did-you-mean.js';

const FIELDS = ['keyId', 'region', 'versions', 'rotation', 'maxVersions'];

describe('didYouMean', () => {
  it.each([
    ['keyid', 'keyId'],
    ['KEYID', 'keyId'],
    ['regoin', 'region'],
    ['version', 'versions'],
    ['maxversion', 'maxVersions'],
    ['rotaton', 'rotation'],
  ])('suggests for %s: %s', (input, expected) => {
    expect(didYouMean(input, FIELDS)).toBe(expected);
  });

  it('counts two swapped neighbouring letters as one edit, so a short command still gets a hint', () => {
    expect(didYouMean('plna', ['validate', 'plan', 'apply', 'show'])).toBe('plan');
    expect(didYouMean('aplpy', ['validate', 'plan', 'apply', 'show'])).toBe('apply');
  });

  it.each(['description', 'x', ''])('suggests nothing for %j', (input) => {
    expect(didYouMean(input, FIELDS)).toBeUndefined();
  });
});
