import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createCredentialChain } from '../../src/kms/credential-chain.js';
import { KmsConfigError } from '../../src/kms/errors.js';
import { tempDir } from '../emulator/helpers.js';
import { jwt, OIDC_PROVIDER_ARN } from '../emulator/sts-helpers.js';
import { DEMO_ENV, DEMO_ID, DEMO_SECRET, homeWith, rejectionCode, ROLE_ARN } from './helpers.js';

function oidcEnv(): Record<string, string> {
  const file = join(tempDir(), 'token');
  writeFileSync(file, jwt());
  return { ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE: file };
}

const AK_PROFILES = {
  current: 'dev',
  profiles: [
    { name: 'dev', mode: 'AK', access_key_id: DEMO_ID, access_key_secret: DEMO_SECRET, region_id: 'cn-hangzhou' },
    { name: 'ci', mode: 'AK', access_key_id: 'DUMMY0ProfileCi0001', access_key_secret: 'profile-ci-secret-value', region_id: 'cn-shanghai' },
  ],
};

describe('the credential chain picks the first configured source, in order', () => {
  test('environment, then OIDC, then the CLI profile', async () => {
    const home = homeWith(AK_PROFILES);
    const all = createCredentialChain({ env: { ...DEMO_ENV, ...oidcEnv(), HOME: home } });
    expect((await all.report()).selected?.source).toBe('environment');
    expect((await all.report()).checks.map((c) => [c.source, c.status])).toEqual([['environment', 'selected']]);

    const noEnv = createCredentialChain({ env: { ...oidcEnv(), HOME: home } });
    const report = await noEnv.report();
    expect(report.selected?.source).toBe('oidc');
    expect(report.checks.map((c) => [c.source, c.status])).toEqual([['environment', 'absent'], ['oidc', 'selected']]);

    const onlyProfile = createCredentialChain({ env: { HOME: home } });
    expect((await onlyProfile.report()).checks.map((c) => [c.source, c.status])).toEqual([['environment', 'absent'], ['oidc', 'absent'], ['cli-profile', 'selected']]);
    expect(await onlyProfile.describe()).toEqual({ source: 'CLI profile "dev" (mode AK)', accessKeyId: 'kmsc****y-id', hasSecurityToken: false });
  });

  test('a partly configured source is skipped and named, not used', async () => {
    const home = homeWith(AK_PROFILES);
    const chain = createCredentialChain({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'DUMMY0OnlyTheId', ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN, HOME: home } });
    const report = await chain.report();
    expect(report.checks.map((c) => [c.source, c.status])).toEqual([['environment', 'incomplete'], ['oidc', 'incomplete'], ['cli-profile', 'selected']]);
    expect(report.checks[0]?.detail).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    expect(report.checks[1]?.detail).toMatch(/ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE not/);
  });

  test('--profile goes straight to the CLI profile; ALIBABA_CLOUD_PROFILE only chooses which profile', async () => {
    const home = homeWith(AK_PROFILES);
    const flagged = createCredentialChain({ env: { ...DEMO_ENV, HOME: home }, profile: 'ci' });
    const report = await flagged.report();
    expect(report.checks.map((c) => [c.source, c.status])).toEqual([['environment', 'skipped'], ['oidc', 'skipped'], ['cli-profile', 'selected']]);
    expect((await flagged.getCredentials()).accessKeyId).toBe('DUMMY0ProfileCi0001');

    const byEnv = createCredentialChain({ env: { ALIBABA_CLOUD_PROFILE: 'ci', HOME: home } });
    expect((await byEnv.getCredentials()).accessKeyId).toBe('DUMMY0ProfileCi0001');
    expect((await byEnv.report()).checks[2]?.detail).toContain('from ALIBABA_CLOUD_PROFILE');
    const envWins = createCredentialChain({ env: { ...DEMO_ENV, ALIBABA_CLOUD_PROFILE: 'ci', HOME: home } });
    expect((await envWins.getCredentials()).accessKeyId).toBe(DEMO_ID);
  });

  test('environment values are trimmed, and a security token makes them STS credentials', async () => {
    const chain = createCredentialChain({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: ` ${DEMO_ID}\n`, ALIBABA_CLOUD_ACCESS_KEY_SECRET: `${DEMO_SECRET}\n`, ALIBABA_CLOUD_SECURITY_TOKEN: 'tok\n', HOME: homeWith() } });
    expect(await chain.getCredentials()).toEqual({ accessKeyId: DEMO_ID, accessKeySecret: DEMO_SECRET, securityToken: 'tok' });
    expect((await chain.describe()).source).toBe('environment (STS token)');
  });

  test('the env given is the only one read: process.env does not leak in', async () => {
    process.env['ALIBABA_CLOUD_ACCESS_KEY_ID'] = 'from-process-env';
    process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] = 'from-process-env-secret';
    try {
      const chain = createCredentialChain({ env: { HOME: homeWith() } });
      expect(await rejectionCode(chain.getCredentials())).toBe('credentials.missing');
    } finally {
      delete process.env['ALIBABA_CLOUD_ACCESS_KEY_ID'];
      delete process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'];
    }
  });
});

describe('when no source can be used, the error says what was looked at', () => {
  test('no credentials anywhere: credentials.missing lists the three sources in order', async () => {
    const home = homeWith();
    const chain = createCredentialChain({ env: { HOME: home } });
    const error = await chain.getCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KmsConfigError);
    expect((error as KmsConfigError).code).toBe('credentials.missing');
    const message = (error as KmsConfigError).message;
    expect(message.indexOf('1. environment')).toBeGreaterThan(0);
    expect(message.indexOf('2. OIDC')).toBeGreaterThan(message.indexOf('1. environment'));
    expect(message.indexOf(`3. CLI profile: ${join(home, '.aliyun', 'config.json')} does not exist`)).toBeGreaterThan(message.indexOf('2. OIDC'));
    expect(await rejectionCode(chain.describe())).toBe('credentials.missing');
  });

  test('ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true turns the profile source off', async () => {
    const chain = createCredentialChain({ env: { HOME: homeWith(AK_PROFILES), ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' } });
    expect((await chain.report()).checks[2]).toMatchObject({ source: 'cli-profile', status: 'disabled' });
    expect(await rejectionCode(chain.getCredentials())).toBe('credentials.missing');
  });

  test('an unknown profile names the profiles there are', async () => {
    const chain = createCredentialChain({ env: { HOME: homeWith(AK_PROFILES) }, profile: 'prod' });
    const error = (await chain.getCredentials().catch((e: unknown) => e)) as KmsConfigError;
    expect(error.code).toBe('credentials.profile-not-found');
    expect(error.message).toContain('"prod" (from --profile)');
    expect(error.message).toContain('"dev", "ci"');
    const noFile = createCredentialChain({ env: { HOME: homeWith() }, profile: 'prod' });
    expect(await rejectionCode(noFile.getCredentials())).toBe('credentials.profile-not-found');
  });

  test('a profile file that is not JSON is reported without quoting it (secrets stay out)', async () => {
    const home = homeWith(`{"profiles":[{"name":"dev","mode":"AK","access_key_secret": super-secret-value-123}]}`);
    const error = (await createCredentialChain({ env: { HOME: home } }).getCredentials().catch((e: unknown) => e)) as KmsConfigError;
    expect(error.code).toBe('credentials.profile-invalid');
    expect(error.message).toContain('is not valid JSON');
    expect(error.message).not.toContain('super-secret');
  });

  test.each([
    [{ name: 'p', mode: 'AK', access_key_id: 'id' }, /mode AK needs access_key_secret/],
    [{ name: 'p', mode: 'StsToken', access_key_id: 'id', access_key_secret: 'secret-value-1' }, /needs sts_token/],
    [{ name: 'p', mode: 'RamRoleArn', access_key_id: 'id', access_key_secret: 'secret-value-1' }, /needs ram_role_arn/],
    [{ name: 'p', mode: 'RamRoleArn', access_key_id: 'id', access_key_secret: 'secret-value-1', ram_role_arn: ROLE_ARN, expired_seconds: 60 }, /expired_seconds 60/],
    [{ name: 'p', mode: 'External' }, /needs process_command/],
    [{ name: 'p', mode: 'CloudSSO' }, /mode "CloudSSO" is not supported/],
    [{ name: 'p', mode: 'ChainableRamRoleArn', source_profile: 'p', ram_role_arn: ROLE_ARN }, /loops/],
  ])('profile %j cannot be used: %s', async (profile, message) => {
    const error = (await createCredentialChain({ env: { HOME: homeWith({ current: 'p', profiles: [profile] }) } }).getCredentials().catch((e: unknown) => e)) as KmsConfigError;
    expect(error.code).toBe('credentials.profile-invalid');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('secret-value-1');
  });

  test('an OIDC or RamRoleArn source with a plain-http STS override is refused: the library speaks HTTPS only', async () => {
    const chain = createCredentialChain({ env: { ...oidcEnv(), HOME: homeWith() }, stsEndpoint: 'http://127.0.0.1:9' });
    expect(await rejectionCode(chain.getCredentials())).toBe('endpoint.insecure');
  });
});
