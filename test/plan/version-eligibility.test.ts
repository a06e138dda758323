import { describe, expect, it } from 'vitest';
import { listingNeeded, instanceNeeded } from '../../src/plan/read-needs.js';
import { versionEligibility } from '../../src/plan/version-eligibility.js';
import { T0, datePlus, days, desiredKey, instanceKey, liveKey, pinned, unlistedKey, unpinned, versionDates, versionId } from '../builders/index.js';

const at = (n: number) => datePlus(T0, days(n)).getTime();

describe('versionEligibility: the one answer of plan and show', () => {
  it('allows a classic asymmetric key 7 days after its last version', () => {
    expect(versionEligibility(liveKey({ versions: [T0] }), undefined, at(7))).toMatchObject({ status: 'allowed', edition: 'classic', placement: { kind: 'shared' } });
  });

  it('asks to wait before then, with the earliest instant and the interval rule', () => {
    const verdict = versionEligibility(liveKey({ versions: [T0] }), undefined, at(3));
    expect(verdict).toMatchObject({ status: 'wait', earliestMs: at(7), rule: { id: 'classic.min-interval' } });
  });

  it('refuses for good before it asks to wait: a disabled key young or old is refused', () => {
    expect(versionEligibility(liveKey({ versions: [T0], metadata: { keyState: 'Disabled' } }), undefined, at(3))).toMatchObject({ status: 'refused', error: { code: 'key.not-enabled' } });
  });

  it('refuses at the key’s own maxVersions before asking to wait, and names no service rule for it', () => {
    const verdict = versionEligibility(liveKey({ versions: versionDates(3, T0, days(1)) }), 3, at(3));
    expect(verdict).toMatchObject({ status: 'refused', rule: undefined, error: { code: 'key.limit-reached' } });
  });

  it('checks no cap without a listing', () => {
    expect(versionEligibility(unlistedKey({ versions: versionDates(50, T0, days(8)) }), 3, at(400))).toMatchObject({ status: 'allowed' });
  });

  it('answers by the instance edition for a key in an instance', () => {
    expect(versionEligibility(instanceKey({ kind: 'software', versions: [T0] }), undefined, at(8))).toMatchObject({ status: 'allowed', edition: 'instance', placement: { kind: 'instance', instanceKind: 'software', kindFrom: 'GetKmsInstance' } });
    expect(versionEligibility(instanceKey({ kind: 'hardware' }), undefined, at(8))).toMatchObject({ status: 'refused', error: { code: 'key.hardware-instance' } });
  });

  it('ignores a GetKmsInstance answer about another instance than the key’s', () => {
    const key = instanceKey({ protectionLevel: 'HSM', instance: { status: 'read', instanceId: 'kst-other', kind: 'software' } });
    expect(versionEligibility(key, undefined, at(8))).toMatchObject({ status: 'refused', placement: { kindFrom: 'ProtectionLevel' } });
  });
});

describe('what the state reader reads for a plan', () => {
  const young = liveKey({ versions: [T0] }).metadata;

  it('lists a key that declares versions, whatever its age', () => {
    expect(listingNeeded([desiredKey({ versions: [unpinned()] })], young, at(1))).toBe(true);
    expect(listingNeeded([desiredKey({ versions: [pinned(versionId(1))] })], young, at(1))).toBe(true);
  });

  it('lists a rotation-only key from the instant it is due, not before', () => {
    expect(listingNeeded([desiredKey({ rotation: '30d' })], young, at(30) - 1)).toBe(false);
    expect(listingNeeded([desiredKey({ rotation: '30d' })], young, at(30))).toBe(true);
  });

  it('lists a key when any entry that declares it needs the listing', () => {
    expect(listingNeeded([desiredKey({ rotation: '365d' }), desiredKey({ rotation: '7d' })], young, at(8))).toBe(true);
    expect(listingNeeded([desiredKey({})], young, at(800))).toBe(false);
  });

  it('reads the instance only for a key in one that wants a version', () => {
    const inInstance = instanceKey({ versions: [T0] });
    expect(instanceNeeded([desiredKey({ rotation: '30d' })], inInstance, at(31))).toBe(true);
    expect(instanceNeeded([desiredKey({ rotation: '30d' })], inInstance, at(29))).toBe(false);
    expect(instanceNeeded([desiredKey({ rotation: '30d' })], liveKey({ versions: [T0] }), at(31))).toBe(false);
    expect(instanceNeeded([desiredKey({ versions: [pinned(versionId(1)), unpinned()] })], inInstance, at(1))).toBe(true);
  });
});
