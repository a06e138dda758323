/**
 * Several accounts end to end: the built CLI against one emulator holding three accounts (see
 * accounts-world.ts), `payments` reached with AssumeRole through --sts-endpoint at the emulator's HTTPS
 * port, `audit` whose role cannot be assumed. The test reads each account's keys itself.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputSchemaValidator } from '../../src/schemas.js';
import { ACCOUNTS_CONFIG, ACCOUNTS_YAML, AUDIT_ROLE, BASE_UID, PAYMENTS_ROLE, PAYMENTS_UID, startAccountsWorld, TWO_ACCOUNTS_CONFIG, type AccountsWorld } from './accounts-world.js';
import { parseJson } from './e2e-harness.js';

interface KeyJson {
  name: string;
  account: string | null;
  region: string;
  action: string;
  error?: { code: string; api_code: string | null };
}
interface PlanDoc {
  location_failures: { account: string | null; region: string; code: string; role_arn: string | null; sts_code: string | null; request_id: string | null }[];
  keys: KeyJson[];
  summary: { create: number; error: number; by_account: { account: string | null; create: number; error: number; no_op: number }[] };
}

async function expectSchema(name: 'plan.schema.json' | 'apply.schema.json' | 'show.schema.json' | 'doctor.schema.json' | 'error.schema.json' | 'saved-plan.schema.json', document: unknown): Promise<void> {
  const validate = await outputSchemaValidator(name, { strict: true });
  const ok = validate(document);
  expect(ok ? [] : validate.errors).toEqual([]);
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('a role that cannot be assumed', () => {
  let world: AccountsWorld;

  beforeAll(async () => {
    world = await startAccountsWorld();
    await world.writeConfig(ACCOUNTS_CONFIG);
  });
  afterAll(() => world.close());

  it('fails only its own keys in the JSON plan, named once with the role ARN, STS code and request ID', async () => {
    const run = await world.kmsctl(['plan', '--json']);
    expect(run.exitCode, run.stderr).toBe(1);
    const doc = parseJson<PlanDoc>(run);
    await expectSchema('plan.schema.json', doc);
    expect(doc.location_failures).toEqual([
      { account: 'audit', region: 'cn-hangzhou', code: 'credentials.assume-role-failed', message: expect.stringContaining(AUDIT_ROLE), role_arn: AUDIT_ROLE, sts_code: 'EntityNotExist.Role', request_id: expect.stringMatching(/^[0-9A-F-]{36}$/) },
    ]);
    expect(doc.keys.map((k) => [k.name, k.account, k.region, k.action])).toEqual([
      ['base-invoices', null, 'cn-hangzhou', 'no-op'],
      ['invoices', 'payments', 'cn-hangzhou', 'create'],
      ['receipts', 'payments', 'cn-shanghai', 'create'],
      ['audit-log', 'audit', 'cn-hangzhou', 'error'],
    ]);
    expect(doc.keys[3]?.error).toMatchObject({ code: 'key.read-failed', api_code: 'credentials.assume-role-failed' });
    expect(doc.summary.by_account).toEqual([
      expect.objectContaining({ account: null, create: 0, error: 0, no_op: 1 }),
      expect.objectContaining({ account: 'payments', create: 2, error: 0, no_op: 0 }),
      expect.objectContaining({ account: 'audit', create: 0, error: 1, no_op: 0 }),
    ]);
  });

  it('is shown once in the text plan, which groups the keys by account and counts each account', async () => {
    const run = await world.kmsctl(['plan']);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(occurrences(`${run.stdout}${run.stderr}`, 'cannot assume role')).toBe(1);
    expect(run.stdout).toContain(AUDIT_ROLE);
    expect(run.stdout).toContain('EntityNotExist.Role');
    expect(run.stdout).toMatch(/^Account payments$/m);
    expect(run.stdout).toMatch(/^Account audit$/m);
    expect(run.stdout).toMatch(/^ {2}payments: +2 to create, 0 deferred, 0 errors, 0 unchanged$/m);
    expect(run.stdout).toMatch(/^ {2}audit: +0 to create, 0 deferred, 1 error, 0 unchanged$/m);
  });

  it('lets apply create every other account\'s versions, each in its own account, and exits 1', async () => {
    const run = await world.kmsctl(['apply', '--auto-approve', '--json']);
    expect(run.exitCode, run.stderr).toBe(1);
    const doc = parseJson<{ location_failures: unknown[]; results: { name: string; account: string | null; outcome: string }[] }>(run);
    await expectSchema('apply.schema.json', doc);
    expect(doc.location_failures).toHaveLength(1);
    expect(doc.results.map((r) => [r.name, r.account, r.outcome])).toEqual([
      ['base-invoices', null, 'no-op'],
      ['invoices', 'payments', 'created'],
      ['receipts', 'payments', 'created'],
      ['audit-log', 'audit', 'failed'],
    ]);
    expect(await world.versionIds(PAYMENTS_UID, 'cn-hangzhou', 'alias/invoices')).toHaveLength(2);
    expect(await world.versionIds(PAYMENTS_UID, 'cn-shanghai', 'alias/receipts')).toHaveLength(2);
    // The base account's alias/invoices is another key of the same name: untouched.
    expect(await world.versionIds(BASE_UID, 'cn-hangzhou', 'alias/invoices')).toHaveLength(1);
  });

  it('with only that account in the run (one identity, every location failed), ends with the one failure', async () => {
    const run = await world.kmsctl(['plan', '--account', 'audit', '--json']);
    expect(run.exitCode).toBe(1);
    const doc = parseJson<{ error: { code: string; api_code: string | null; request_id: string | null } }>(run);
    await expectSchema('error.schema.json', doc);
    expect(doc.error).toMatchObject({ code: 'credentials.assume-role-failed', api_code: 'EntityNotExist.Role', request_id: expect.stringMatching(/^[0-9A-F-]{36}$/) });
    const text = await world.kmsctl(['plan', '--account', 'audit']);
    expect(text.exitCode).toBe(1);
    expect(occurrences(text.stderr, 'error[credentials.assume-role-failed]')).toBe(1);
    expect(text.stdout).toBe('');
  });
});

describe('--account', () => {
  let world: AccountsWorld;

  beforeAll(async () => {
    world = await startAccountsWorld();
    await world.writeConfig(ACCOUNTS_CONFIG);
  });
  afterAll(() => world.close());

  it('narrows plan and show to the keys of the named accounts, so the unreadable one is not touched', async () => {
    const plan = await world.kmsctl(['plan', '--account', 'payments', '--json']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    const doc = parseJson<PlanDoc>(plan);
    expect(doc.location_failures).toEqual([]);
    expect(doc.keys.map((k) => k.name)).toEqual(['invoices', 'receipts']);
    expect(doc.summary.by_account).toEqual([expect.objectContaining({ account: 'payments', create: 2 })]);
    const show = await world.kmsctl(['show', '--account', 'payments', '--json']);
    expect(show.exitCode, show.stderr).toBe(0);
    const shown = parseJson<{ keys: { name: string; account: string; resolved_key_id: string }[] }>(show);
    await expectSchema('show.schema.json', shown);
    expect(shown.keys.map((k) => [k.name, k.account, k.resolved_key_id])).toEqual([
      ['invoices', 'payments', 'key-e2e-pay-invoices01'],
      ['receipts', 'payments', 'key-e2e-pay-receipts01'],
    ]);
  });

  it('refuses an account the config does not declare, naming the closest one, before any call', async () => {
    const run = await world.kmsctl(['plan', '--account', 'paymnts', '--json']);
    expect(run.exitCode).toBe(1);
    const doc = parseJson<{ error: { code: string; detail: string | null } }>(run);
    expect(doc.error.code).toBe('cli.unknown-account');
    expect(doc.error.detail).toContain('did you mean "payments"?');
  });
});

describe('two accounts and two regions, one reached by AssumeRole', () => {
  let world: AccountsWorld;
  const counts = async (): Promise<number[]> => [
    (await world.versionIds(BASE_UID, 'cn-hangzhou', 'alias/invoices')).length,
    (await world.versionIds(PAYMENTS_UID, 'cn-hangzhou', 'alias/invoices')).length,
    (await world.versionIds(PAYMENTS_UID, 'cn-shanghai', 'alias/receipts')).length,
  ];

  beforeAll(async () => {
    world = await startAccountsWorld();
    await world.writeConfig(TWO_ACCOUNTS_CONFIG);
  });
  afterAll(() => world.close());

  it('saves a plan that records each location\'s endpoint and how each of its accounts is reached, and no secret', async () => {
    const run = await world.kmsctl(['plan', '--out', 'first.plan']);
    expect(run.exitCode, run.stderr).toBe(0);
    const text = await readFile(join(world.dir, 'first.plan'), 'utf8');
    expect(text).not.toContain(world.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
    const saved = JSON.parse(text) as { endpoints: Record<string, string>; accounts: Record<string, { role_arn: string | null }> };
    await expectSchema('saved-plan.schema.json', saved);
    expect(saved.endpoints).toEqual({ 'cn-hangzhou': world.emulator.url, 'payments/cn-hangzhou': world.emulator.url, 'payments/cn-shanghai': world.emulator.url });
    // Only the accounts the plan's keys use: audit is declared, never assumed.
    expect(saved.accounts).toEqual({ payments: { role_arn: PAYMENTS_ROLE, external_id: null, session_name: null, duration_seconds: null, profile: null } });
  });

  it('refuses that plan as stale when a key changed in its account since, and creates nothing in any account', async () => {
    await world.createVersion(PAYMENTS_UID, 'cn-shanghai', 'alias/receipts');
    expect(await counts()).toEqual([1, 1, 2]);
    const run = await world.kmsctl(['apply', 'first.plan', '--json']);
    expect(run.exitCode).toBe(1);
    const doc = parseJson<{ error: { code: string }; diagnostics: { message: string }[] }>(run);
    expect(doc.error.code).toBe('plan-file.stale');
    expect(doc.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^receipts: /)]);
    expect(await counts()).toEqual([1, 1, 2]);
  });

  it('applies a fresh saved plan with each account as the plan reached it, one version each, never in another account', async () => {
    const plan = await world.kmsctl(['plan', '--out', 'fresh.plan', '--json']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(parseJson<PlanDoc>(plan).keys.map((k) => [k.name, k.action])).toEqual([
      ['base-invoices', 'create'],
      ['invoices', 'create'],
      ['receipts', 'no-op'],
    ]);
    // The config now points payments at the audit account's role; the saved plan still reaches payments as planned.
    await world.writeConfig(TWO_ACCOUNTS_CONFIG.replace(PAYMENTS_ROLE, AUDIT_ROLE));
    const apply = await world.kmsctl(['apply', 'fresh.plan', '--json']);
    expect(apply.exitCode, apply.stderr).toBe(0);
    const results = parseJson<{ results: { name: string; account: string | null; outcome: string }[] }>(apply).results;
    expect(results.map((r) => [r.name, r.account, r.outcome])).toEqual([
      ['base-invoices', null, 'created'],
      ['invoices', 'payments', 'created'],
      ['receipts', 'payments', 'no-op'],
    ]);
    expect(await counts()).toEqual([2, 2, 2]);
    await world.writeConfig(TWO_ACCOUNTS_CONFIG);
  });

  it('pins each entry to the version of the key in its own account', async () => {
    const pinConfig = `version: 1\n${ACCOUNTS_YAML}defaults:\n  region: cn-hangzhou\nkeys:\n  base-invoices:\n    keyId: alias/invoices\n    versions:\n      - label: first\n      - label: second\n  invoices:\n    account: payments\n    keyId: alias/invoices\n    versions:\n      - label: first\n      - label: second\n`;
    await world.writeConfig(pinConfig, 'pin.yaml');
    const run = await world.kmsctl(['pin', '-f', 'pin.yaml']);
    expect(run.exitCode, run.stderr).toBe(0);
    const text = await readFile(join(world.dir, 'pin.yaml'), 'utf8');
    const base = await world.versionIds(BASE_UID, 'cn-hangzhou', 'alias/invoices');
    const payments = await world.versionIds(PAYMENTS_UID, 'cn-hangzhou', 'alias/invoices');
    const invoices = text.slice(text.indexOf('  invoices:'));
    for (const id of payments) expect(invoices).toContain(`id: ${id}`);
    for (const id of base) {
      expect(invoices).not.toContain(id);
      expect(text.slice(0, text.indexOf('  invoices:'))).toContain(`id: ${id}`);
    }
  });
});

describe('doctor and import with accounts', () => {
  let world: AccountsWorld;

  beforeAll(async () => {
    world = await startAccountsWorld();
    await world.writeConfig(ACCOUNTS_CONFIG);
  });
  afterAll(() => world.close());

  it('checks every declared account: its role, who STS says it is (key masked), and each region of its keys', async () => {
    const run = await world.kmsctl(['doctor', '--json']);
    expect(run.exitCode).toBe(1);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const doc = parseJson<any>(run);
    await expectSchema('doctor.schema.json', doc);
    expect(doc.regions.map((r: { region: string; keys: number }) => [r.region, r.keys])).toEqual([['cn-hangzhou', 1]]);
    const [payments, audit] = doc.accounts;
    expect(payments).toMatchObject({ name: 'payments', ok: true, role_arn: PAYMENTS_ROLE, keys: 2, identity: { account_id: PAYMENTS_UID, arn: expect.stringContaining(`acs:ram::${PAYMENTS_UID}:assumed-role/kmsctl/`), identity_type: 'AssumedRoleUser' }, identity_error: null });
    expect(payments.credentials.access_key_id).toMatch(/\*\*\*\*/);
    expect(payments.regions.map((r: { region: string; check: { ok: boolean } }) => [r.region, r.check.ok])).toEqual([['cn-hangzhou', true], ['cn-shanghai', true]]);
    expect(audit).toMatchObject({ name: 'audit', ok: false, identity: null, credentials: { error: { code: 'credentials.assume-role-failed', sts_code: 'EntityNotExist.Role', request_id: expect.stringMatching(/^[0-9A-F-]{36}$/) } } });
    expect(doc.problems).toEqual([expect.stringContaining(`Account audit (role ${AUDIT_ROLE})`)]);
    expect(run.stdout).not.toContain(world.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
  });

  it('with --account checks only that account, and says so in text', async () => {
    const run = await world.kmsctl(['doctor', '--account', 'payments']);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^Accounts\n {2}payments \(role acs:ram::2234567890123456:role\/kmsctl; 2 keys\)\n {4}credentials: role .*access key ID STS\.\S*\*\*\*\*/m);
    expect(run.stdout).toMatch(/^ {4}identity: {4}acs:ram::2234567890123456:assumed-role\/kmsctl\/\S+ \(AssumedRoleUser\), RequestId [0-9A-F-]{36}$/m);
    expect(run.stdout).toMatch(/^ {4}cn-shanghai \(1 key\): OK: ListKeys answered/m);
    expect(run.stdout).not.toContain('audit');
  });

  it('imports a key of an account with its versions pinned and account: written, and the config plans no change', async () => {
    const run = await world.kmsctl(['import', 'alias/invoices', '--account', 'payments', '--region', 'cn-hangzhou']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {2}invoices:\n {4}account: payments\n {4}keyId: alias\/invoices$/m);
    for (const id of await world.versionIds(PAYMENTS_UID, 'cn-hangzhou', 'alias/invoices')) expect(run.stdout).toContain(`- id: ${id}`);
    for (const id of await world.versionIds(BASE_UID, 'cn-hangzhou', 'alias/invoices')) expect(run.stdout).not.toContain(id);
    await world.writeConfig(run.stdout, 'imported.yaml');
    await world.writeConfig(`version: 1\n${ACCOUNTS_YAML}keys: {}\n`, 'accounts.yaml');
    const plan = await world.kmsctl(['plan', '-f', 'accounts.yaml', '-f', 'imported.yaml', '--json', '--detailed-exitcode']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(parseJson<PlanDoc>(plan).keys.map((k) => [k.name, k.account, k.action])).toEqual([['invoices', 'payments', 'no-op']]);
    const unknown = await world.kmsctl(['import', 'alias/invoices', '--account', 'payment', '--region', 'cn-hangzhou']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('error[cli.unknown-account]');
  });
});

describe('pin with a role that cannot be assumed', () => {
  let world: AccountsWorld;

  beforeAll(async () => {
    world = await startAccountsWorld();
    await world.writeConfig(`version: 1\n${ACCOUNTS_YAML}defaults:\n  region: cn-hangzhou\nkeys:\n  invoices:\n    account: payments\n    keyId: alias/invoices\n    versions:\n      - label: first\n  audit-log:\n    account: audit\n    keyId: alias/audit-log\n    versions:\n      - label: first\n`);
  });
  afterAll(() => world.close());

  it('pins the keys of the accounts it can read, names the one it cannot once, and exits 1', async () => {
    const run = await world.kmsctl(['pin']);
    expect(run.exitCode).toBe(1);
    expect(occurrences(run.stderr, 'cannot assume role')).toBe(1);
    const text = await readFile(join(world.dir, 'kmsctl.yaml'), 'utf8');
    const [id] = await world.versionIds(PAYMENTS_UID, 'cn-hangzhou', 'alias/invoices');
    expect(text).toContain(`id: ${id}`);
    expect(text.slice(text.indexOf('  audit-log:'))).not.toContain('id:');
  });
});

describe('the text of apply and show with a role that cannot be assumed', () => {
  let world: AccountsWorld;

  beforeAll(async () => {
    world = await startAccountsWorld();
    await world.writeConfig(ACCOUNTS_CONFIG);
  });
  afterAll(() => world.close());

  it.each([['apply', '--auto-approve'], ['show']])('%s names the location once, and its key points to it', async (...args) => {
    const run = await world.kmsctl(args.filter(Boolean));
    expect(run.exitCode).toBe(1);
    expect(occurrences(`${run.stdout}${run.stderr}`, 'cannot assume role')).toBe(1);
    expect(run.stdout).toMatch(/audit-log.*\n?.*(not read|cannot read): credentials\.assume-role-failed/);
  });
});
