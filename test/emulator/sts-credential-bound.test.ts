import { describe, expect, test } from 'vitest';
import { MemoryCredentialStore } from '../../src/emulator/credential-store.js';
import { roleSession } from '../../src/emulator/sts/role-sessions.js';
import { MAX_ISSUED_CREDENTIALS, TemporaryCredentialIssuer } from '../../src/emulator/sts/temporary-credentials.js';
import { expectError, startTest } from './helpers.js';
import { TestKms } from './signed-client.js';
import { ROLE_ARN, sts } from './sts-helpers.js';

const SESSION = roleSession({ arn: ROLE_ARN, accountId: '1234567890123456', roleName: 'kmsctl-ci' }, 'bound');
const HOUR_MS = 3_600_000;

function issuer(maxKept?: number) {
  const clock = { now: Date.parse('2026-01-10T08:00:00Z') };
  const store = new MemoryCredentialStore();
  const issuing = new TemporaryCredentialIssuer(store, () => clock.now, undefined, maxKept);
  const mint = (seconds = 3600) => issuing.issue(seconds, '1234567890123456', SESSION).body.AccessKeyId;
  return { clock, store, issuing, mint };
}

describe('the credentials STS issues are bounded in number', () => {
  test('5,000 mints keep at most 1,000 credentials: the newest, the oldest forgotten first', () => {
    const { store, issuing, mint } = issuer();
    const ids = Array.from({ length: 5_000 }, () => mint());
    expect(issuing.kept).toBe(MAX_ISSUED_CREDENTIALS);
    expect(ids.slice(-MAX_ISSUED_CREDENTIALS).every((id) => store.lookup(id) !== undefined)).toBe(true);
    expect(ids.slice(0, -MAX_ISSUED_CREDENTIALS).some((id) => store.lookup(id) !== undefined)).toBe(false);
  });

  test('at the bound, expired credentials make room before any live one does', () => {
    const { clock, store, mint } = issuer(3);
    const short = mint(900);
    const live = [mint(3600), mint(3600)];
    clock.now += 901_000;
    const fresh = mint();
    expect(store.lookup(short)).toBeUndefined();
    expect([...live, fresh].map((id) => store.lookup(id) !== undefined)).toEqual([true, true, true]);
  });

  test('credentials expired over an hour ago are swept at the next mint, below the bound too', () => {
    const { clock, store, issuing, mint } = issuer();
    const old = mint(900);
    clock.now += 900_000 + HOUR_MS + 1000;
    mint();
    expect(store.lookup(old)).toBeUndefined();
    expect(issuing.kept).toBe(1);
  });

  test('over HTTP: a credential pushed out by newer ones is refused as unknown, the newer ones work', async () => {
    const { emulator } = await startTest({ stsMaxCredentials: 2 });
    const minted = [];
    for (let i = 0; i < 3; i += 1) minted.push((await sts(emulator.url, 'AssumeRole', { RoleArn: ROLE_ARN, RoleSessionName: `run-${i}` })).body.Credentials);
    const call = (c: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string }) =>
      new TestKms(emulator.url, { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret }).call('ListKeys', { SecurityToken: c.SecurityToken });
    expectError(await call(minted[0]), 'InvalidAccessKeyId.NotFound', 404);
    expect((await call(minted[1])).status).toBe(200);
    expect((await call(minted[2])).status).toBe(200);
  });
});
