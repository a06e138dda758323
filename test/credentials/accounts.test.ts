/**
 * Several accounts in one set of clients, against the emulator's STS and KMS on one port: an account
 * reached by AssumeRole from the base credentials (obtained once, refreshed before expiry, failing with
 * the role, STS's code and request ID), one by a CLI profile, and the base identity; plus
 * GetCallerIdentity against a server that verifies signatures with the official signers.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createKmsClients, type KmsClients, type KmsClientsOptions } from '../../src/kms/client-factory.js';
import { StaticCredentialsProvider } from '../../src/kms/credentials.js';
import { AccountCredentialsError } from '../../src/kms/errors.js';
import type { KmsRequestEvent } from '../../src/kms/request-event.js';
import { startVerifyingServer } from '../kms/helpers/verifying-server.js';
import { homeWith } from './helpers.js';

const REGION = 'cn-hangzhou';
const ROLE = 'acs:ram::1234567890123456:role/kmsctl';
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

async function emulator(): Promise<RunningEmulator> {
  const e = await startEmulator({ port: 0, env: {} });
  opened.push(e);
  return e;
}

function clients(e: RunningEmulator, options: Partial<KmsClientsOptions> = {}, events: KmsRequestEvent[] = []): KmsClients {
  const made = createKmsClients({
    endpoint: e.url,
    stsEndpoint: e.url,
    env: {},
    credentials: new StaticCredentialsProvider({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, 'base'),
    retry: { maxAttempts: 1 },
    onRequest: (event) => events.push(event),
    ...options,
  });
  opened.push(made);
  return made;
}

const count = (events: KmsRequestEvent[], action: string) => events.filter((e) => e.action === action).length;

describe('accounts', () => {
  test('an account with a roleArn calls KMS with the role’s temporary credentials, assumed once for many calls', async () => {
    const e = await emulator();
    const events: KmsRequestEvent[] = [];
    const kms = clients(e, { accounts: { payments: { roleArn: ROLE, sessionName: 'kmsctl-test' } } }, events);
    const payments = kms.forAccount('payments', REGION);
    const { value: key } = await payments.createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' });
    await Promise.all([1, 2, 3].map(() => payments.describeKey(key.keyId)));
    expect(count(events, 'AssumeRole')).toBe(1);
    const described = await kms.describeCredentials('payments');
    expect(described).toMatchObject({ hasSecurityToken: true });
    expect(described.source).toContain(ROLE);
    expect(described.accessKeyId).toMatch(/\*\*\*\*/);
    // The base identity is a pair of its own, with its own credentials.
    expect((await kms.describeCredentials()).hasSecurityToken).toBe(false);
    await kms.forRegion(REGION).describeKey(key.keyId);
    expect(Object.keys(kms.traffic()).sort()).toEqual([`-/${REGION}`, `payments/${REGION}`]);
  });

  test('assumed credentials are refreshed before they expire, also in the middle of a run', async () => {
    const e = await emulator();
    const events: KmsRequestEvent[] = [];
    let offsetMs = 0;
    // A clock that can jump ahead (within the 15 minutes a signature's timestamp may be off).
    const runtime = { now: () => Date.now() + offsetMs };
    const kms = clients(e, { accounts: { payments: { roleArn: ROLE, durationSeconds: 900 } }, runtime }, events);
    const payments = kms.forAccount('payments', REGION);
    await payments.listKeysPage(1, 1);
    await payments.listKeysPage(1, 1);
    expect(count(events, 'AssumeRole')).toBe(1);
    offsetMs = 700_000; // 15-minute credentials are renewed in their last quarter
    await payments.listKeysPage(1, 1);
    expect(count(events, 'AssumeRole')).toBe(2);
    await payments.listKeysPage(1, 1);
    expect(count(events, 'AssumeRole')).toBe(2);
  });

  test('a role that cannot be assumed fails its own account with the role ARN, STS code and request ID, and nothing else', async () => {
    const e = await emulator();
    const badRole = 'acs:ram::1234567890123456:role/team/kmsctl'; // a path the emulator's STS refuses
    const kms = clients(e, { accounts: { broken: { roleArn: badRole }, fine: {} } });
    const failure = await kms.forAccount('broken', REGION).listKeysPage(1, 1).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AccountCredentialsError);
    const error = failure as AccountCredentialsError;
    expect(error).toMatchObject({ code: 'credentials.assume-role-failed', account: 'broken', roleArn: badRole, stsCode: 'InvalidParameter.RoleArn' });
    expect(error.requestId).toMatch(/\S+/);
    expect(error.message).toContain(badRole);
    expect(error.message).toContain('InvalidParameter.RoleArn');
    expect(error.message).toContain(error.requestId!);
    await expect(kms.forAccount('fine', REGION).listKeysPage(1, 1)).resolves.toBeDefined();
    await expect(kms.forRegion(REGION).listKeysPage(1, 1)).resolves.toBeDefined();
  });

  test('STS refusing the base credentials names the STS code and never shows the secret or the full access key ID', async () => {
    const e = await emulator();
    const kms = clients(e, {
      credentials: new StaticCredentialsProvider({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: 'not-the-secret-at-all' }),
      accounts: { payments: { roleArn: ROLE } },
    });
    const error = (await kms.forAccount('payments', REGION).listKeysPage(1, 1).catch((failure: unknown) => failure)) as AccountCredentialsError;
    expect(error).toMatchObject({ code: 'credentials.assume-role-failed', stsCode: 'SignatureDoesNotMatch' });
    expect(error.message).not.toContain('not-the-secret-at-all');
    expect(error.message).not.toContain(DEMO_ACCESS_KEY_ID);
  });

  test('an account with a profile uses that CLI profile’s credentials', async () => {
    const e = await emulator();
    const home = homeWith({ profiles: [{ name: 'shared-admin', mode: 'AK', access_key_id: DEMO_ACCESS_KEY_ID, access_key_secret: DEMO_ACCESS_KEY_SECRET }] });
    const kms = clients(e, { credentials: new StaticCredentialsProvider({ accessKeyId: 'other-id-0000', accessKeySecret: 'other-secret' }), accounts: { shared: { profile: 'shared-admin' } }, homeDir: home });
    await expect(kms.forAccount('shared', REGION).listKeysPage(1, 1)).resolves.toBeDefined();
    expect((await kms.describeCredentials('shared')).source).toContain('shared-admin');
  });

  test('an unknown account, or a spec that cannot work, is a configuration error naming it', async () => {
    const e = await emulator();
    const kms = clients(e, { accounts: { payments: { roleArn: ROLE } } });
    expect(() => kms.forAccount('payment', REGION)).toThrow(expect.objectContaining({ code: 'account.unknown' }));
    expect(() => clients(e, { accounts: { x: { roleArn: 'arn:aws:iam::1:role/x' } } })).toThrow(expect.objectContaining({ code: 'account.invalid' }));
    expect(() => clients(e, { accounts: { x: { roleArn: ROLE, durationSeconds: 60 } } })).toThrow(expect.objectContaining({ code: 'account.invalid' }));
    expect(() => clients(e, { accounts: { x: { externalId: 'abc' } } })).toThrow(expect.objectContaining({ code: 'account.invalid' }));
  });
});

describe('GetCallerIdentity', () => {
  test.each(['v3', 'v1'] as const)('is signed (%s) with STS’s API version and no region, and decodes the identity', async (signatureVersion) => {
    const server = await startVerifyingServer({
      accessKeyId: 'DUMMYbaseKey0001',
      accessKeySecret: 'base-secret',
      handlers: {
        GetCallerIdentity: () => ({
          status: 200,
          json: { RequestId: 'req-identity', AccountId: '1234567890123456', Arn: 'acs:ram::1234567890123456:user/ci', IdentityType: 'RAMUser', PrincipalId: '2000', UserId: '2000' },
        }),
      },
    });
    opened.push(server);
    const kms = createKmsClients({ endpoint: server.url, stsEndpoint: server.url, env: {}, signatureVersion, credentials: new StaticCredentialsProvider({ accessKeyId: 'DUMMYbaseKey0001', accessKeySecret: 'base-secret' }) });
    opened.push(kms);
    const identity = await kms.getCallerIdentity();
    expect(server.rejections).toEqual([]);
    expect(server.requests.map((r) => [r.action, r.signatureVersion])).toEqual([['GetCallerIdentity', signatureVersion]]);
    expect(identity).toEqual({ requestId: 'req-identity', value: { accountId: '1234567890123456', arn: 'acs:ram::1234567890123456:user/ci', identityType: 'RAMUser', principalId: '2000', userId: '2000', roleId: undefined } });
  });

  test('follows the STS endpoint rules: KMSCTL_STS_ENDPOINT, plain http only to loopback', () => {
    const make = (env: Record<string, string>) => createKmsClients({ env, credentials: new StaticCredentialsProvider({ accessKeyId: 'DUMMYbaseKey0001', accessKeySecret: 's' }) });
    expect(make({}).stsEndpoint().url).toBe('https://sts.aliyuncs.com');
    expect(make({ KMSCTL_STS_ENDPOINT: 'http://127.0.0.1:9' }).stsEndpoint().url).toBe('http://127.0.0.1:9');
    expect(() => make({ KMSCTL_STS_ENDPOINT: 'http://sts.example.com' }).stsEndpoint()).toThrow(expect.objectContaining({ code: 'endpoint.insecure' }));
  });
});
