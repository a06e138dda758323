import { createHmac, generateKeyPairSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { expectError, startTest } from './helpers.js';
import { TestKms } from './signed-client.js';
import { assumeRoleWithOidc, jwt, OIDC_PROVIDER_ARN, OIDC_TEST_ISSUER, OIDC_TEST_KEY, OIDC_TEST_KID, ROLE_ARN, signedJwt, sleep, sts } from './sts-helpers.js';

const ASSUME = { RoleArn: ROLE_ARN, RoleSessionName: 'pipeline-42' };

describe('the emulator STS endpoint: AssumeRole', () => {
  test('issues temporary credentials in the STS answer shape, expiring after DurationSeconds (default 3600)', async () => {
    const { emulator } = await startTest();
    const before = Date.now();
    const response = await sts(emulator.url, 'AssumeRole', ASSUME);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      Credentials: {
        AccessKeyId: expect.stringMatching(/^STS\.[A-Za-z0-9]{25}$/),
        AccessKeySecret: expect.stringMatching(/^[A-Za-z0-9]{44}$/),
        SecurityToken: expect.stringMatching(/^CAIS[A-Za-z0-9+/=]+$/),
        Expiration: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      },
      AssumedRoleUser: { Arn: 'acs:ram::1234567890123456:assumed-role/kmsctl-ci/pipeline-42', AssumedRoleId: expect.stringMatching(/^\d{17}:pipeline-42$/) },
    });
    const expiresAt = Date.parse(response.body.Credentials.Expiration);
    expect(expiresAt).toBeGreaterThan(before + 3_598_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3_601_000);
    const shorter = await sts(emulator.url, 'AssumeRole', { ...ASSUME, DurationSeconds: '900' });
    expect(Date.parse(shorter.body.Credentials.Expiration) - Date.now()).toBeLessThanOrEqual(901_000);
  });

  test('the KMS API accepts the issued credentials with their token, and only with it', async () => {
    const { emulator } = await startTest();
    const { Credentials: c } = (await sts(emulator.url, 'AssumeRole', ASSUME)).body;
    const kms = new TestKms(emulator.url, { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret });
    expect((await kms.call('ListKeys', { SecurityToken: c.SecurityToken })).status).toBe(200);
    expect((await kms.call('ListKeys', { SecurityToken: c.SecurityToken }, { transport: 'post-split' })).status).toBe(200);
    expectError(await kms.call('ListKeys'), 'InvalidSecurityToken.Malformed', 400);
    expectError(await kms.call('ListKeys', { SecurityToken: `${c.SecurityToken}x` }), 'InvalidSecurityToken.Malformed', 400);
  });

  test('issued credentials are refused with InvalidSecurityToken.Expired once they expire (real time)', async () => {
    const { emulator } = await startTest({ stsMaxDurationSeconds: 1 });
    const response = await sts(emulator.url, 'AssumeRole', { ...ASSUME, DurationSeconds: '3600' });
    const c = response.body.Credentials;
    expect(Date.parse(c.Expiration) - Date.now()).toBeLessThanOrEqual(2_000);
    const kms = new TestKms(emulator.url, { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret });
    await sleep(Math.max(0, Date.parse(c.Expiration) - Date.now()) + 50);
    expectError(await kms.call('ListKeys', { SecurityToken: c.SecurityToken }), 'InvalidSecurityToken.Expired', 400);
  });

  test('STS credentials can assume a role in turn (role chaining), signing with their token', async () => {
    const { emulator } = await startTest();
    const first = (await sts(emulator.url, 'AssumeRole', ASSUME)).body.Credentials;
    const second = await sts(emulator.url, 'AssumeRole', { ...ASSUME, SecurityToken: first.SecurityToken }, { accessKeyId: first.AccessKeyId, accessKeySecret: first.AccessKeySecret });
    expect(second.status).toBe(200);
    expect(second.body.Credentials.AccessKeyId).not.toBe(first.AccessKeyId);
  });

  test('AssumeRole is authenticated like any signed call', async () => {
    const { emulator } = await startTest();
    expectError(await sts(emulator.url, 'AssumeRole', ASSUME, { omitSignature: true }), 'IncompleteSignature', 400);
    expectError(await sts(emulator.url, 'AssumeRole', ASSUME, { accessKeySecret: 'wrong-secret' }), 'SignatureDoesNotMatch', 400);
    expectError(await sts(emulator.url, 'AssumeRole', ASSUME, { accessKeyId: 'nobody' }), 'InvalidAccessKeyId.NotFound', 404);
    expect((await sts(emulator.url, 'AssumeRole', ASSUME, { transport: 'v3-form' })).status).toBe(200);
  });

  test.each([
    [{ RoleArn: 'arn:aws:iam::1:role/x' }, 'InvalidParameter.RoleArn'],
    [{ RoleSessionName: 'a' }, 'InvalidParameter.RoleSessionName'],
    [{ RoleSessionName: '' }, 'MissingParameter'],
    [{ DurationSeconds: '899' }, 'InvalidParameter.DurationSeconds'],
    [{ DurationSeconds: '43201' }, 'InvalidParameter.DurationSeconds'],
    [{ DurationSeconds: '1h' }, 'InvalidParameter.DurationSeconds'],
  ])('AssumeRole with %j is refused with %s', async (change, code) => {
    const { emulator } = await startTest();
    expectError(await sts(emulator.url, 'AssumeRole', { ...ASSUME, ...change }), code, 400);
  });
});

describe('the emulator STS endpoint: AssumeRoleWithOIDC', () => {
  const oidcForm = (token: string) => ({ OIDCProviderArn: OIDC_PROVIDER_ARN, RoleArn: ROLE_ARN, OIDCToken: token, RoleSessionName: 'ci-run', DurationSeconds: '3600' });
  const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

  test('with neither an issuer key nor a token file, every token is refused with AuthenticationFail.NoPermission (401), a signed one too', async () => {
    const { emulator } = await startTest();
    for (const token of [jwt(), jwt({}, { alg: 'none', typ: 'JWT' })]) {
      const response = await assumeRoleWithOidc(emulator.url, oidcForm(token));
      expectError(response, 'AuthenticationFail.NoPermission', 401);
      expect(response.text).not.toContain('AccessKeySecret');
    }
    expect(emulator.oidc).toEqual({ issuerKeys: 0, token: false });
  });

  test('a token signed (RS256) by the configured issuer key is accepted, and its credentials work with the KMS API', async () => {
    const { emulator } = await startTest(OIDC_TEST_ISSUER);
    const response = await assumeRoleWithOidc(emulator.url, oidcForm(`${jwt()}\n`));
    expect(response.status).toBe(200);
    expect(response.body.AssumedRoleUser.Arn).toBe('acs:ram::1234567890123456:assumed-role/kmsctl-ci/ci-run');
    expect(response.body.OIDCTokenInfo).toEqual({ Issuer: 'https://token.actions.githubusercontent.com', Subject: 'repo:acme/keys:ref:refs/heads/main', ClientIds: 'sts.aliyuncs.com' });
    const c = response.body.Credentials;
    expect((await new TestKms(emulator.url, { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret }).call('ListKeys', { SecurityToken: c.SecurityToken })).status).toBe(200);
  });

  test('an ES256 token is checked against a PEM public key', async () => {
    const { emulator } = await startTest({ stsOidcIssuerKey: ecKey.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    expect((await assumeRoleWithOidc(emulator.url, oidcForm(signedJwt(ecKey.privateKey, 'ES256')))).status).toBe(200);
    expectError(await assumeRoleWithOidc(emulator.url, oidcForm(signedJwt(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 'ES256'))), 'AuthenticationFail.OIDCToken.InvalidSignature', 401);
  });

  test.each([
    ['signed by another key', () => signedJwt(otherKey.privateKey, 'RS256', {}, { alg: 'RS256', kid: OIDC_TEST_KID })],
    ['with its payload changed after signing', () => tamper(jwt(), { sub: 'repo:attacker/x' })],
    ['naming another kid', () => signedJwt(OIDC_TEST_KEY.privateKey, 'RS256', {}, { alg: 'RS256', kid: 'someone-else' })],
    ['signed ES256 while the issuer key is RSA', () => signedJwt(ecKey.privateKey, 'ES256')],
  ])('a token %s is refused with AuthenticationFail.OIDCToken.InvalidSignature (401)', async (_name, token) => {
    const { emulator } = await startTest(OIDC_TEST_ISSUER);
    expectError(await assumeRoleWithOidc(emulator.url, oidcForm(token())), 'AuthenticationFail.OIDCToken.InvalidSignature', 401);
  });

  test.each([
    ['alg none, no signature', () => `${jwt({}, { alg: 'none' }).split('.').slice(0, 2).join('.')}.`],
    ['alg none, any signature', () => jwt({}, { alg: 'none', typ: 'JWT' })],
    ['alg NONE', () => jwt({}, { alg: 'NONE' })],
    ['HS256 keyed with the issuer public key', () => hs256WithPublicKey()],
    ['no alg', () => jwt({}, { typ: 'JWT' })],
  ])('a token with %s is refused with AuthenticationFail.OIDCToken.Invalid', async (_name, token) => {
    const { emulator } = await startTest(OIDC_TEST_ISSUER);
    expectError(await assumeRoleWithOidc(emulator.url, oidcForm(token())), 'AuthenticationFail.OIDCToken.Invalid', 400);
  });

  test.each([
    ['not-a-jwt', 'AuthenticationFail.OIDCToken.Invalid'],
    ['a.b', 'AuthenticationFail.OIDCToken.Invalid'],
    [`${Buffer.from('[1]').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.x`, 'AuthenticationFail.OIDCToken.Invalid'],
    [jwt({ exp: Math.floor(Date.now() / 1000) - 10 }), 'AuthenticationFail.OIDCToken.Expired'],
    [jwt({ exp: undefined }), 'AuthenticationFail.OIDCToken.Invalid'],
    [jwt({ exp: '9999999999' }), 'AuthenticationFail.OIDCToken.Invalid'],
    [jwt({ nbf: Math.floor(Date.now() / 1000) + 600 }), 'AuthenticationFail.OIDCToken.Invalid'],
    [`${jwt()}${'A'.repeat(20_001)}`, 'AuthenticationFail.OIDCToken.Invalid'],
  ])('refuses the token %s with %s, without quoting it', async (token, code) => {
    const { emulator } = await startTest(OIDC_TEST_ISSUER);
    const response = await assumeRoleWithOidc(emulator.url, oidcForm(token));
    expectError(response, code, 400);
    expect(response.body.Message).not.toContain(token);
  });

  test('with a configured token, accepts exactly that token, but never one whose header says alg none', async () => {
    const expected = jwt({ sub: 'the-one' });
    const { emulator } = await startTest({ stsOidcToken: expected });
    expect(emulator.oidc).toEqual({ issuerKeys: 0, token: true });
    expect((await assumeRoleWithOidc(emulator.url, oidcForm(expected))).status).toBe(200);
    expectError(await assumeRoleWithOidc(emulator.url, oidcForm(jwt({ sub: 'another' }))), 'AuthenticationFail.OIDCToken.Invalid', 400);
    const unsigned = jwt({ sub: 'the-one' }, { alg: 'none' });
    const { emulator: trusting } = await startTest({ stsOidcToken: unsigned });
    expectError(await assumeRoleWithOidc(trusting.url, oidcForm(unsigned)), 'AuthenticationFail.OIDCToken.Invalid', 400);
  });

  test('with both, a token passes with either the issuer key or the exact token', async () => {
    const expected = signedJwt(otherKey.privateKey, 'RS256', { sub: 'the-one' });
    const { emulator } = await startTest({ ...OIDC_TEST_ISSUER, stsOidcToken: expected });
    expect((await assumeRoleWithOidc(emulator.url, oidcForm(expected))).status).toBe(200);
    expect((await assumeRoleWithOidc(emulator.url, oidcForm(jwt()))).status).toBe(200);
  });

  test.each([
    ['not a key', 'hello'],
    ['a symmetric JWK', JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' })],
    ['an RSA key under 2048 bits', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['a private key', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
    ['an EC key on another curve', generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ type: 'spki', format: 'pem' }).toString()],
  ])('an issuer key file holding %s stops the start', async (_name, text) => {
    await expect(startTest({ stsOidcIssuerKey: text })).rejects.toBeInstanceOf(RangeError);
  });

  test('checks the provider and role ARNs and the duration', async () => {
    const { emulator } = await startTest(OIDC_TEST_ISSUER);
    expectError(await assumeRoleWithOidc(emulator.url, { ...oidcForm(jwt()), OIDCProviderArn: 'github' }), 'InvalidParameter.OIDCProviderArn', 400);
    expectError(await assumeRoleWithOidc(emulator.url, { ...oidcForm(jwt()), RoleArn: 'role' }), 'InvalidParameter.RoleArn', 400);
    expectError(await assumeRoleWithOidc(emulator.url, { ...oidcForm(jwt()), DurationSeconds: '60' }), 'InvalidParameter.DurationSeconds', 400);
    const { OIDCToken: _dropped, ...withoutToken } = oidcForm(jwt());
    expectError(await assumeRoleWithOidc(emulator.url, withoutToken), 'MissingParameter', 400);
  });
});

/** The token with its payload replaced, the signature kept. */
function tamper(token: string, payload: Record<string, unknown>): string {
  const [header, body, signature] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')), ...payload };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

/** The classic confusion: an HMAC signature keyed with the issuer's public key, which anyone has. */
function hs256WithPublicKey(): string {
  const [header, body] = jwt({}, { alg: 'HS256', typ: 'JWT' }).split('.');
  const input = `${header}.${body}`;
  const signature = createHmac('sha256', OIDC_TEST_KEY.publicKey.export({ type: 'spki', format: 'pem' })).update(input).digest('base64url');
  return `${input}.${signature}`;
}

describe('routing between KMS and STS on one port', () => {
  test('Version 2015-04-01 goes to STS, which does not serve KMS actions; KMS keeps serving 2016-01-20', async () => {
    const { emulator, kms } = await startTest();
    expectError(await sts(emulator.url, 'ListKeys', {}), 'InvalidAction.NotFound', 400);
    expectError(await kms.call('AssumeRole', ASSUME), 'InvalidAction.NotFound', 400);
    expect((await kms.call('ListKeys')).status).toBe(200);
  });

  test('an STS action without a Version is routed to STS and asked for one', async () => {
    const { emulator } = await startTest();
    expectError(await assumeRoleWithOidc(emulator.url, { OIDCToken: jwt() }, { Version: '' }), 'MissingParameter', 400);
  });

  test('STS answers in XML when no Format is asked for, and is counted in the stats', async () => {
    const { emulator } = await startTest();
    const response = await sts(emulator.url, 'AssumeRole', ASSUME, { format: null });
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/^<\?xml[^>]*>\n<AssumeRoleResponse><RequestId>[^<]+<\/RequestId><Credentials><AccessKeyId>STS\./);
    expect(emulator.stats().actions).toEqual({ AssumeRole: 1 });
  });
});
