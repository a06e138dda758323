/**
 * The plan by account: text, Markdown and JSON name each key's account and region, group a plan that
 * spans accounts (then regions), count each account, show a location that could not be read once, and
 * mark a key whose rotation falls due soon with a symbol of its own and its date.
 */
import { describe, expect, it } from 'vitest';
import type { LocationProblem } from '../../src/operations/location-problems.js';
import { planKeys } from '../../src/plan/planner.js';
import type { Plan } from '../../src/plan/types.js';
import { planToJson } from '../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { outputSchemaValidator } from '../../src/schemas.js';
import { T0, datePlus, days, desiredKey, desiredState, found, liveKey, liveState, readFailed, rotation } from '../builders/index.js';

const ROLE = 'acs:ram::3334567890123456:role/kmsctl';
const PROBLEM: LocationProblem = {
  account: 'shared',
  region: 'cn-hangzhou',
  code: 'credentials.assume-role-failed',
  message: 'cannot assume role for account "shared": STS answered EntityNotExist.Role',
  roleArn: ROLE,
  stsCode: 'EntityNotExist.Role',
  requestId: 'REQ-STS-1',
};

/** Planned at T0 + 25 days: one base-identity key due within its 7-day warning, two payments keys to rotate, one key of an unreadable account. */
function accountsPlan(): Plan {
  const keys = [
    desiredKey({ name: 'base', keyId: 'alias/base', rotation: { ...rotation('30d'), warnBefore: '7d', warnBeforeSeconds: 7 * 86_400 } }),
    desiredKey({ name: 'receipts', account: 'payments-prod', keyId: 'alias/receipts', region: 'cn-shanghai', rotation: '7d' }),
    desiredKey({ name: 'audit', account: 'shared', keyId: 'alias/audit', rotation: '7d' }),
    desiredKey({ name: 'invoices', account: 'payments-prod', keyId: 'alias/invoices', rotation: '7d' }),
  ];
  const [base, receipts, audit, invoices] = keys as [(typeof keys)[0], (typeof keys)[0], (typeof keys)[0], (typeof keys)[0]];
  const live = liveState(
    [base, found(liveKey({ keyId: 'key-base', versions: [T0] }))],
    [receipts, found(liveKey({ keyId: 'key-receipts', versions: [T0] }))],
    [audit, readFailed(PROBLEM.code, PROBLEM.message, PROBLEM.requestId)],
    [invoices, found(liveKey({ keyId: 'key-invoices', versions: [T0] }))],
  );
  return planKeys(desiredState(...keys), live, datePlus(T0, days(25)));
}

describe('the text plan of several accounts', () => {
  const text = renderPlanText(accountsPlan(), { color: false, problems: [PROBLEM] });

  it('groups the keys by account, in the order the config first names each, then by region', () => {
    const headings = text.split('\n').filter((line) => line.startsWith('Account '));
    expect(headings).toEqual(['Account base identity', 'Account payments-prod', 'Account shared']);
    const names = [...text.matchAll(/^[+>!^=] ([a-z-]+):/gm)].map((m) => m[1]);
    expect(names).toEqual(['base', 'receipts', 'invoices', 'audit']);
    expect(text).toContain('    key:      alias/receipts in account payments-prod, cn-shanghai');
  });

  it('counts each account under the plan\'s own counts, which they add up to', () => {
    expect(text).toMatch(/^Plan: 2 to create, 0 deferred, 1 error, 1 unchanged\.\n {2}base identity: 0 to create, 0 deferred, 0 errors, 1 unchanged\n {2}payments-prod: 2 to create, 0 deferred, 0 errors, 0 unchanged\n {2}shared: +0 to create, 0 deferred, 1 error, 0 unchanged$/m);
  });

  it('shows the location that could not be read once, and its keys point to it', () => {
    expect(text.split(ROLE).length - 1).toBe(1);
    expect(text).toContain('RequestId REQ-STS-1');
    expect(text).toMatch(/! audit: error key\.read-failed\n {4}key: {6}alias\/audit in account shared, cn-hangzhou\n {4}error: {4}not read: credentials\.assume-role-failed/);
  });

  it('marks a key due soon with its own symbol in the legend and in its line, with the date', () => {
    expect(text).toContain('  ^ due soon: no change now; rotation falls due within rotation.warnBefore');
    expect(text).toContain('^ base: no change; rotation due 2026-01-31T00:00:00Z (in 5d)');
    expect(text).toContain("Due soon: 1 key's rotation falls due within rotation.warnBefore (marked ^).");
  });
});

describe('the JSON plan of several accounts', () => {
  it('carries the counts of each account, the due-soon count and the unreadable location, and follows the schema', async () => {
    const doc = planToJson(accountsPlan(), { kmsctlVersion: '0.1.0', problems: [PROBLEM], failOnDrift: true });
    const validate = await outputSchemaValidator('plan.schema.json', { strict: true });
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(doc.fail_on_drift).toBe(true);
    expect(doc.summary).toMatchObject({ create: 2, error: 1, no_op: 1, due_soon: 1 });
    expect(doc.summary.by_account).toEqual([
      { account: null, create: 0, deferred: 0, error: 0, no_op: 1, drift: 0, due_soon: 1 },
      { account: 'payments-prod', create: 2, deferred: 0, error: 0, no_op: 0, drift: 0, due_soon: 0 },
      { account: 'shared', create: 0, deferred: 0, error: 1, no_op: 0, drift: 0, due_soon: 0 },
    ]);
    expect(doc.location_failures).toEqual([{ account: 'shared', region: 'cn-hangzhou', code: PROBLEM.code, message: PROBLEM.message, role_arn: ROLE, sts_code: 'EntityNotExist.Role', request_id: 'REQ-STS-1' }]);
    expect(doc.keys.find((k) => k.name === 'base')).toMatchObject({ action: 'no-op', due_soon: '2026-01-31T00:00:00Z' });
  });
});

describe('the Markdown plan of several accounts', () => {
  const md = renderPlanMarkdown(accountsPlan(), { kmsctlVersion: '0.1.0', problems: [PROBLEM] });

  it('has a row of counts per account and a total', () => {
    expect(md).toContain('| Account | Create | Deferred | Error | Unchanged | Due soon | Drifted versions |');
    expect(md).toContain('| payments-prod | 2 | 0 | 0 | 0 | 0 | 0 |');
    expect(md).toContain('| **all** | 2 | 0 | 1 | 1 | 1 | 0 |');
  });

  it('names each key\'s account and region, marks the key due soon, and lists the unreadable location', () => {
    expect(md).toContain('| Action | Name | Account | Region | Key | Reason |');
    expect(md).toMatch(/^\| \^ due soon \| base \| base identity \| cn-hangzhou \| alias\/base \| /m);
    expect(md).toMatch(/^\| \+ create \| receipts \| payments-prod \| cn-shanghai \| alias\/receipts \| /m);
    expect(md).toContain('- due soon: rotation falls due at 2026-01-31T00:00:00Z');
    expect(md).toContain(`- account shared, cn-hangzhou: credentials.assume-role-failed:`);
  });
});
