import { describe, expect, test } from 'vitest';
import { signV1, stringToSignV1 } from '../../src/kms/signing/signature-v1.js';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../src/emulator/index.js';
import { DAY_MS, expectError, startTest } from './helpers.js';
import { ALL_TRANSPORTS, V1_TRANSPORTS, encodeParams, send, timestampNow } from './signed-client.js';

describe('signature verification', () => {
  test.each(ALL_TRANSPORTS)('a correctly signed request is served over the %s transport', async (transport) => {
    const { kms } = await startTest();
    const body = await kms.ok('CreateKey', { KeySpec: 'RSA_2048', Description: 'sp ace*star~tilde(paren)!bang/slash+plus&amp=eq 中文' }, { transport });
    expect(body.KeyMetadata.Description).toBe('sp ace*star~tilde(paren)!bang/slash+plus&amp=eq 中文');
  });

  test.each(ALL_TRANSPORTS)('a request signed with the wrong secret is SignatureDoesNotMatch (HTTP 400) over the %s transport', async (transport) => {
    const { kms } = await startTest();
    expectError(await kms.call('ListKeys', {}, { transport, accessKeySecret: 'wrong-secret' }), 'SignatureDoesNotMatch', 400);
  });

  test('the SignatureDoesNotMatch message carries the server string to sign', async () => {
    const { kms } = await startTest();
    const response = await kms.call('ListKeys', {}, { accessKeySecret: 'wrong-secret', nonce: 'fixed-nonce-1', timestamp: timestampNow() });
    expect(response.body.Message).toContain('GET&%2F&AccessKeyId%3Dkmsctl-demo-access-key-id%26Action%3DListKeys');
  });

  test.each(V1_TRANSPORTS)('a parameter changed after signing is SignatureDoesNotMatch over the %s transport', async (transport) => {
    const { kms } = await startTest();
    const response = await kms.call('CreateKey', { Description: 'signed' }, { transport, tamper: (p) => (p['Description'] = 'changed') });
    expectError(response, 'SignatureDoesNotMatch', 400);
  });

  test('a V1 request signed for GET but sent as POST is SignatureDoesNotMatch', async () => {
    const { emulator } = await startTest();
    const params: Record<string, string> = {
      Action: 'ListKeys', Format: 'JSON', Version: '2016-01-20', AccessKeyId: DEMO_ACCESS_KEY_ID, SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0', SignatureNonce: 'n-get-post', Timestamp: timestampNow(),
    };
    params['Signature'] = signV1(stringToSignV1('GET', params), DEMO_ACCESS_KEY_SECRET);
    expectError(await send(emulator.url, 'POST', `/?${encodeParams(params)}`, {}), 'SignatureDoesNotMatch', 400);
  });

  test.each(['get', 'v3-query'] as const)('a request without a signature is IncompleteSignature (%s)', async (transport) => {
    const { kms } = await startTest();
    expectError(await kms.call('ListKeys', {}, { transport, omitSignature: true }), 'IncompleteSignature', 400);
  });

  test.each(['get', 'v3-form'] as const)('an unknown access key is InvalidAccessKeyId.NotFound (HTTP 404) (%s)', async (transport) => {
    const { kms } = await startTest();
    expectError(await kms.call('ListKeys', {}, { transport, accessKeyId: 'no-such-key' }), 'InvalidAccessKeyId.NotFound', 404);
  });

  test.each([
    ['a malformed timestamp', '2026-01-10 08:00:00'],
    ['a timestamp with a zone offset', '2026-01-10T08:00:00+08:00'],
    ['a timestamp 16 minutes in the past', timestampNow(-16 * 60_000)],
    ['a timestamp 16 minutes in the future', timestampNow(16 * 60_000)],
  ])('%s is IllegalTimestamp', async (_name, timestamp) => {
    const { kms } = await startTest();
    expectError(await kms.call('ListKeys', {}, { timestamp }), 'IllegalTimestamp', 400);
    expectError(await kms.call('ListKeys', {}, { timestamp, transport: 'v3-query' }), 'IllegalTimestamp', 400);
  });

  test('a timestamp 14 minutes off the real clock is accepted, whatever the emulator clock says', async () => {
    const { kms, emulator } = await startTest();
    emulator.clock.advance(400 * DAY_MS);
    await kms.ok('ListKeys', {}, { timestamp: timestampNow(-14 * 60_000) });
    await kms.ok('ListKeys', {}, { timestamp: timestampNow(14 * 60_000), transport: 'v3-query' });
  });

  test.each(['get', 'post-form', 'v3-query'] as const)('a replayed nonce is SignatureNonceUsed (%s)', async (transport) => {
    const { kms } = await startTest();
    await kms.ok('ListKeys', {}, { transport, nonce: 'once-only' });
    expectError(await kms.call('ListKeys', {}, { transport, nonce: 'once-only' }), 'SignatureNonceUsed', 400);
  });

  test('a nonce used by a forged request is still usable by the real client', async () => {
    const { kms } = await startTest();
    expectError(await kms.call('ListKeys', {}, { nonce: 'n1', accessKeySecret: 'forged' }), 'SignatureDoesNotMatch', 400);
    await kms.ok('ListKeys', {}, { nonce: 'n1' });
  });

  test.each(['Timestamp', 'SignatureNonce', 'AccessKeyId', 'SignatureMethod'])('a V1 request without %s is MissingParameter', async (name) => {
    const { kms } = await startTest();
    const response = await kms.call('ListKeys', {}, { tamper: (p) => delete p[name] });
    expectError(response, 'MissingParameter', 400);
  });

  test('a V1 request with SignatureMethod HMAC-SHA256 is InvalidParameter', async () => {
    const { kms } = await startTest();
    expectError(await kms.call('ListKeys', {}, { tamper: (p) => (p['SignatureMethod'] = 'HMAC-SHA256') }), 'InvalidParameter', 400);
  });

  test('an unknown action is InvalidAction.NotFound', async () => {
    const { kms } = await startTest();
    expectError(await kms.call('DescribeEverything'), 'InvalidAction.NotFound', 400);
    expectError(await kms.call('DescribeEverything', {}, { transport: 'v3-query' }), 'InvalidAction.NotFound', 400);
  });

  test('another API version is InvalidParameter', async () => {
    const { kms } = await startTest();
    expectError(await kms.call('ListKeys', {}, { version: '2020-01-01' }), 'InvalidParameter', 400);
  });

  test('a V3 request whose body does not match x-acs-content-sha256 is SignatureDoesNotMatch', async () => {
    const { kms } = await startTest();
    const response = await kms.call('ListKeys', {}, { transport: 'v3-form', headers: { 'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } });
    expectError(response, 'SignatureDoesNotMatch', 400);
  });

  test('a V3 request with an x-acs header left out of SignedHeaders is IncompleteSignature', async () => {
    const { emulator } = await startTest();
    const authorization = `ACS3-HMAC-SHA256 Credential=${DEMO_ACCESS_KEY_ID},SignedHeaders=host,Signature=00`;
    const response = await send(emulator.url, 'POST', '/?Format=JSON', {
      authorization, 'x-acs-action': 'ListKeys', 'x-acs-version': '2016-01-20', 'x-acs-date': timestampNow(),
      'x-acs-signature-nonce': 'n-unsigned', 'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    expectError(response, 'IncompleteSignature', 400);
  });

  test('a V3 request without x-acs-date is MissingParameter', async () => {
    const { emulator } = await startTest();
    const response = await send(emulator.url, 'POST', '/?Format=JSON', {
      authorization: `ACS3-HMAC-SHA256 Credential=${DEMO_ACCESS_KEY_ID},SignedHeaders=host,Signature=00`,
      'x-acs-action': 'ListKeys', 'x-acs-version': '2016-01-20', 'x-acs-signature-nonce': 'n', 'x-acs-content-sha256': 'x',
    });
    expectError(response, 'MissingParameter', 400);
  });

  test('a security token sent with a long-term access key is InvalidSecurityToken.Malformed', async () => {
    const { kms } = await startTest();
    expectError(await kms.call('ListKeys', { SecurityToken: 'token' }), 'InvalidSecurityToken.Malformed', 400);
    expectError(await kms.call('ListKeys', {}, { transport: 'v3-query', headers: { 'x-acs-security-token': 'token' } }), 'InvalidSecurityToken.Malformed', 400);
  });

  test('temporary credentials registered in the credential store work with their token only, until they expire', async () => {
    const { emulator, kms } = await startTest();
    emulator.credentials.register({ accessKeyId: 'STS.temp', accessKeySecret: 'temp-secret', securityToken: 'tok-1', expiresAtMs: Date.now() + 3_600_000 });
    const temp = { accessKeyId: 'STS.temp', accessKeySecret: 'temp-secret' };
    await kms.ok('ListKeys', { SecurityToken: 'tok-1' }, temp);
    await kms.ok('ListKeys', {}, { ...temp, transport: 'v3-query', headers: { 'x-acs-security-token': 'tok-1' } });
    expectError(await kms.call('ListKeys', {}, temp), 'InvalidSecurityToken.Malformed', 400);
    expectError(await kms.call('ListKeys', { SecurityToken: 'tok-2' }, temp), 'InvalidSecurityToken.Malformed', 400);
    emulator.credentials.register({ accessKeyId: 'STS.old', accessKeySecret: 'old-secret', securityToken: 'tok-old', expiresAtMs: Date.now() - 1 });
    expectError(await kms.call('ListKeys', { SecurityToken: 'tok-old' }, { accessKeyId: 'STS.old', accessKeySecret: 'old-secret' }), 'InvalidSecurityToken.Expired', 400);
  });

  test('the credential comes from KMS_EMULATOR_ACCESS_KEY_ID and _SECRET when set', async () => {
    const { kms, emulator } = await startTest({ env: { KMS_EMULATOR_ACCESS_KEY_ID: 'env-id', KMS_EMULATOR_ACCESS_KEY_SECRET: 'env-secret' } });
    expect({ id: emulator.accessKeyId, source: emulator.credentialSource }).toEqual({ id: 'env-id', source: 'environment' });
    await kms.ok('ListKeys', {}, { accessKeyId: 'env-id', accessKeySecret: 'env-secret' });
    expectError(await kms.call('ListKeys'), 'InvalidAccessKeyId.NotFound', 404);
  });

  test('explicit options win over the environment, and the demo pair is the default', async () => {
    const { emulator } = await startTest({ accessKeyId: 'opt-id', accessKeySecret: 'opt-secret', env: { KMS_EMULATOR_ACCESS_KEY_ID: 'env-id', KMS_EMULATOR_ACCESS_KEY_SECRET: 'x' } });
    expect(emulator.credentialSource).toBe('options');
    const { emulator: demo } = await startTest();
    expect({ id: demo.accessKeyId, source: demo.credentialSource }).toEqual({ id: DEMO_ACCESS_KEY_ID, source: 'demo' });
  });
});
