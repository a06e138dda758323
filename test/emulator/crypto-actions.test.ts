/** GetPublicKey, AsymmetricSign and AsymmetricVerify over the wire: answers, key material kept per version, and the service's refusals. */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { quotaGroupOf } from '../../src/kms/wire/quotas.js';
import { DAY_MS, createKey, expectError, startTest, tempDir } from './helpers.js';

const DIGEST = createHash('sha256').update('release 1.4.2').digest('base64');

describe('cryptographic actions', () => {
  test('a version signs a digest, verifies its own signature and refuses a changed one, and OpenSSL verifies it with the published key', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms, { KeySpec: 'EC_P256', KeyUsage: 'SIGN/VERIFY' });
    const version = { KeyId: key.KeyId, KeyVersionId: key.PrimaryKeyVersion };
    const signed = await kms.ok('AsymmetricSign', { ...version, Algorithm: 'ECDSA_SHA_256', Digest: DIGEST });
    expect(signed).toEqual({ RequestId: expect.any(String), KeyId: key.KeyId, KeyVersionId: key.PrimaryKeyVersion, Value: expect.any(String) });
    expect((await kms.ok('AsymmetricVerify', { ...version, Algorithm: 'ECDSA_SHA_256', Digest: DIGEST, Value: signed.Value })).Value).toBe(true);
    const other = createHash('sha256').update('release 1.4.3').digest('base64');
    expect((await kms.ok('AsymmetricVerify', { ...version, Algorithm: 'ECDSA_SHA_256', Digest: other, Value: signed.Value })).Value).toBe(false);
    const { PublicKey } = await kms.ok('GetPublicKey', version);
    expect(PublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(verify('sha256', Buffer.from('release 1.4.2'), createPublicKey(PublicKey), Buffer.from(signed.Value, 'base64'))).toBe(true);
  });

  test('each version has its own key pair, the same on every call; an alias resolves to the key ID in the answer', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN/VERIFY' });
    await kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: 'alias/releases' });
    emulator.clock.advance(7 * DAY_MS);
    const second = (await kms.ok('CreateKeyVersion', { KeyId: key.KeyId })).KeyVersion.KeyVersionId;
    const first = await kms.ok('GetPublicKey', { KeyId: 'alias/releases', KeyVersionId: key.PrimaryKeyVersion });
    expect(first.KeyId).toBe(key.KeyId);
    expect((await kms.ok('GetPublicKey', { KeyId: key.KeyId, KeyVersionId: key.PrimaryKeyVersion })).PublicKey).toBe(first.PublicKey);
    expect((await kms.ok('GetPublicKey', { KeyId: key.KeyId, KeyVersionId: second })).PublicKey).not.toBe(first.PublicKey);
  });

  test('key material made by a first use survives a restart, in a state file only its owner can read', async () => {
    const state = join(tempDir(), 'state.json');
    const first = await startTest({ statePath: state });
    const key = await createKey(first.kms, { KeySpec: 'EC_P256K', KeyUsage: 'SIGN/VERIFY' });
    const version = { KeyId: key.KeyId, KeyVersionId: key.PrimaryKeyVersion };
    const signed = await first.kms.ok('AsymmetricSign', { ...version, Algorithm: 'ECDSA_SHA_256', Digest: DIGEST });
    await first.emulator.close();
    expect(readFileSync(state, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(statSync(state).mode & 0o777).toBe(0o600);
    const second = await startTest({ statePath: state, now: undefined });
    expect((await second.kms.ok('AsymmetricVerify', { ...version, Algorithm: 'ECDSA_SHA_256', Digest: DIGEST, Value: signed.Value })).Value).toBe(true);
  });

  test('an SM2 key signs with SM2DSA and publishes an SM2 public key', async () => {
    const { kms } = await startTest();
    const key = await createKey(kms, { KeySpec: 'EC_SM2', KeyUsage: 'SIGN/VERIFY' });
    const version = { KeyId: key.KeyId, KeyVersionId: key.PrimaryKeyVersion };
    const signed = await kms.ok('AsymmetricSign', { ...version, Algorithm: 'SM2DSA', Digest: DIGEST });
    expect((await kms.ok('AsymmetricVerify', { ...version, Algorithm: 'SM2DSA', Digest: DIGEST, Value: signed.Value })).Value).toBe(true);
    const spki = createPublicKey((await kms.ok('GetPublicKey', version)).PublicKey).export({ type: 'spki', format: 'der' });
    // The curve's OID, 1.2.156.10197.1.301 (GB/T 33560), names SM2 in the SubjectPublicKeyInfo.
    expect(spki.toString('hex')).toContain('06082a811ccf5501822d');
  });

  test('the service refuses what it cannot do, with its codes', async () => {
    const { kms } = await startTest();
    const symmetric = await createKey(kms);
    const encrypting = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT/DECRYPT' });
    const signing = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN/VERIFY' });
    const of = (key: { KeyId: string; PrimaryKeyVersion: string }) => ({ KeyId: key.KeyId, KeyVersionId: key.PrimaryKeyVersion });
    const sign = (params: Record<string, string>) => kms.call('AsymmetricSign', { Algorithm: 'RSA_PSS_SHA_256', Digest: DIGEST, ...params });
    expectError(await kms.call('GetPublicKey', of(symmetric)), 'Rejected.UnsupportedOperation', 400);
    expectError(await sign(of(encrypting)), 'Rejected.UnsupportedOperation', 400);
    expectError(await sign({ ...of(signing), Algorithm: 'ECDSA_SHA_256' }), 'InvalidParameter', 400);
    expectError(await sign({ ...of(signing), Digest: Buffer.alloc(31).toString('base64') }), 'InvalidParameter', 400);
    expectError(await sign({ ...of(signing), Digest: 'not base64!' }), 'InvalidParameter', 400);
    expectError(await sign({ KeyId: signing.KeyId, KeyVersionId: 'no-such-version' }), 'Forbidden.KeyVersionNotFound', 404);
    expectError(await kms.call('AsymmetricSign', { ...of(signing), Algorithm: 'RSA_PSS_SHA_256' }), 'MissingParameter', 400);
    expectError(await kms.call('AsymmetricVerify', { ...of(signing), Algorithm: 'RSA_PSS_SHA_256', Digest: DIGEST, Value: '@@@@' }), 'InvalidParameter', 400);
    await kms.ok('DisableKey', { KeyId: signing.KeyId });
    expectError(await kms.call('GetPublicKey', of(signing)), 'Rejected.Disabled', 409);
  });

  test('signing and verifying count in no quota group; GetPublicKey counts among the key-management reads', () => {
    expect([quotaGroupOf('AsymmetricSign'), quotaGroupOf('AsymmetricVerify'), quotaGroupOf('GetPublicKey')]).toEqual([undefined, undefined, 'key-read']);
  });
});
