/**
 * Accounts: a top-level map of names to a role to assume or a CLI profile, picked per key or per file,
 * merged across files; every mistake a diagnostic at its own line.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_CODES as C } from '../../src/config/codes.js';
import { loadFiles, positions } from './load-helpers.js';

const ROLE = 'acs:ram::1234567890123456:role/kmsctl';
const ISSUE_EXAMPLE = `accounts:
  payments-prod:
    roleArn: ${ROLE}
  shared-services:
    profile: shared-admin
defaults:
  account: payments-prod
  region: cn-hangzhou
version: 1
keys:
  invoices:
    keyId: alias/invoices-signing
    rotation: { maxAge: 90d }
  audit-log:
    account: shared-services
    region: cn-shanghai
    keyId: alias/audit-log
    rotation: { maxAge: 180d }
`;

/** A config with `accounts` and one key using `account`. */
const withAccounts = (accounts: string, account = 'prod', extra = '') =>
  `version: 1\naccounts:\n${accounts}defaults: {region: cn-hangzhou}\nkeys:\n  a:\n    account: ${account}\n    keyId: alias/a\n    rotation: {maxAge: 90d}\n${extra}`;

describe('accounts', () => {
  it('are read into the desired state, and each key gets its own account or its file\'s', async () => {
    const result = await loadFiles({ 'kmsctl.yaml': ISSUE_EXAMPLE });
    expect(result.diagnostics).toEqual([]);
    const { keys, accounts } = result.value!;
    expect(keys.map((k) => [k.name, k.account, k.region])).toEqual([
      ['invoices', 'payments-prod', 'cn-hangzhou'],
      ['audit-log', 'shared-services', 'cn-shanghai'],
    ]);
    expect([...accounts.values()].map(({ source, ...rest }) => ({ ...rest, line: source && ISSUE_EXAMPLE.slice(0, source.start).split('\n').length }))).toEqual([
      { name: 'payments-prod', roleArn: ROLE, externalId: undefined, sessionName: undefined, durationSeconds: undefined, profile: undefined, line: 2 },
      { name: 'shared-services', roleArn: undefined, externalId: undefined, sessionName: undefined, durationSeconds: undefined, profile: 'shared-admin', line: 4 },
    ]);
  });

  it('keep the role options as written', async () => {
    const result = await loadFiles({ 'a.yaml': withAccounts(`  prod:\n    roleArn: ${ROLE}\n    externalId: abc-123\n    sessionName: kmsctl-ci\n    durationSeconds: 7200\n`) });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.accounts.get('prod')).toMatchObject({ externalId: 'abc-123', sessionName: 'kmsctl-ci', durationSeconds: 7200 });
  });

  it('are optional: without them every key runs as the base identity', async () => {
    const result = await loadFiles({ 'a.yaml': 'version: 1\ndefaults: {region: cn-hangzhou}\nkeys:\n  a:\n    keyId: alias/a\n    rotation: {maxAge: 90d}\n' });
    expect(result.value!.keys[0]!.account).toBeUndefined();
    expect(result.value!.accounts.size).toBe(0);
  });

  it('merge across files; the same account said the same way twice is fine', async () => {
    const result = await loadFiles({
      'a.yaml': withAccounts(`  prod:\n    roleArn: ${ROLE}\n`),
      'b.yaml': `version: 1\naccounts:\n  prod: {roleArn: "${ROLE}"}\n  test: {profile: test}\nkeys:\n  b:\n    account: test\n    keyId: alias/b\n    region: cn-beijing\n    rotation: {maxAge: 30d}\n`,
    });
    expect(result.diagnostics).toEqual([]);
    expect([...result.value!.accounts.keys()]).toEqual(['prod', 'test']);
    expect(result.value!.keys.map((k) => k.account)).toEqual(['prod', 'test']);
  });
});

describe('an account mistake is reported where it was made', () => {
  it.each([
    ['an unknown account on a key', { 'a.yaml': withAccounts(`  prod:\n    profile: p\n`, 'prdo') }, [[C.unknownAccount, 'a.yaml', 8, 14]]],
    ['an unknown account in defaults', { 'a.yaml': `version: 1\naccounts:\n  prod: {profile: p}\ndefaults:\n  account: nope\n  region: cn-hangzhou\nkeys:\n  a:\n    keyId: alias/a\n    rotation: {maxAge: 90d}\n` }, [[C.unknownAccount, 'a.yaml', 5, 12]]],
    ['an account named without any accounts declared', { 'a.yaml': 'version: 1\ndefaults: {region: cn-hangzhou}\nkeys:\n  a:\n    account: prod\n    keyId: alias/a\n    rotation: {maxAge: 90d}\n' }, [[C.unknownAccount, 'a.yaml', 5, 14]]],
    ['a malformed role ARN', { 'a.yaml': withAccounts('  prod:\n    roleArn: acs:ram:cn-hangzhou:123:role/x\n') }, [[C.badRoleArn, 'a.yaml', 4, 14]]],
    ['a duration out of STS\'s range', { 'a.yaml': withAccounts(`  prod:\n    roleArn: ${ROLE}\n    durationSeconds: 60\n`) }, [[C.durationSecondsOutOfRange, 'a.yaml', 5, 22]]],
    ['a duration too long', { 'a.yaml': withAccounts(`  prod:\n    roleArn: ${ROLE}\n    durationSeconds: 86400\n`) }, [[C.durationSecondsOutOfRange, 'a.yaml', 5, 22]]],
    ['a profile and a roleArn together', { 'a.yaml': withAccounts(`  prod:\n    roleArn: ${ROLE}\n    profile: p\n`) }, [[C.accountWay, 'a.yaml', 5, 5]]],
    ['neither a profile nor a roleArn', { 'a.yaml': withAccounts('  prod:\n    sessionName: ci\n') }, [[C.accountWay, 'a.yaml', 3, 3]]],
    ['an AssumeRole option with a profile', { 'a.yaml': withAccounts('  prod:\n    profile: p\n    externalId: abc\n') }, [[C.roleOptionWithoutRole, 'a.yaml', 5, 5]]],
    ['a bad session name', { 'a.yaml': withAccounts(`  prod:\n    roleArn: ${ROLE}\n    sessionName: "ci run"\n`) }, [[C.badSessionName, 'a.yaml', 5, 18]]],
    ['a bad account name', { 'a.yaml': withAccounts('  -prod:\n    profile: p\n  prod:\n    profile: p\n') }, [[C.badAccountName, 'a.yaml', 3, 3]]],
    ['an unknown field in an account', { 'a.yaml': withAccounts('  prod:\n    profile: p\n    rolearn: x\n') }, [[C.unknownField, 'a.yaml', 5, 5]]],
    [
      'the same name declared differently in two files',
      { 'a.yaml': withAccounts('  prod:\n    profile: p\n'), 'b.yaml': 'version: 1\naccounts:\n  prod: {profile: other}\nkeys: {}\n' },
      [[C.accountConflict, 'b.yaml', 3, 3]],
    ],
  ])('%s', async (_name, files, expected) => {
    const result = await loadFiles(files);
    expect(positions(result)).toEqual(expected);
    expect(result.value).toBeUndefined();
  });

  it('an unknown account gets a did-you-mean', async () => {
    const result = await loadFiles({ 'a.yaml': withAccounts(`  prod:\n    profile: p\n`, 'prdo') });
    expect(result.diagnostics[0]!.detail).toContain('"prod"');
  });

  it('a conflict names both places', async () => {
    const result = await loadFiles({ 'a.yaml': withAccounts('  prod:\n    profile: p\n'), 'b.yaml': 'version: 1\naccounts:\n  prod: {profile: other}\nkeys: {}\n' });
    expect(result.diagnostics[0]!.related).toEqual([{ message: expect.any(String), source: expect.objectContaining({ file: 'a.yaml' }) }]);
  });
});
