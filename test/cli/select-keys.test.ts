/** --target and --account narrow a run; a name the config lacks is an error with the closest one it has. */
import { describe, expect, it } from 'vitest';
import { CLI_CODES } from '../../src/cli/error-codes.js';
import type { AccountSpec, DesiredState } from '../../src/config/desired-state.js';
import { selectAccounts, selectTargets } from '../../src/operations/select-keys.js';
import { desiredKey } from '../builders/index.js';

function account(name: string): AccountSpec {
  return { name, roleArn: `acs:ram::2234567890123456:role/${name}`, source: undefined };
}

const STATE: DesiredState = {
  keys: [
    desiredKey({ name: 'base' }),
    desiredKey({ name: 'invoices', account: 'payments-prod' }),
    desiredKey({ name: 'receipts', account: 'payments-prod', region: 'cn-shanghai' }),
    desiredKey({ name: 'audit-log', account: 'shared-services' }),
  ],
  accounts: new Map([
    ['payments-prod', account('payments-prod')],
    ['shared-services', account('shared-services')],
    ['idle', account('idle')],
  ]),
  files: ['kmsctl.yaml'],
};

describe('--account', () => {
  it('keeps the keys of the named accounts only, and every key without it', () => {
    expect(selectAccounts(STATE, []).value.keys.map((k) => k.name)).toEqual(['base', 'invoices', 'receipts', 'audit-log']);
    expect(selectAccounts(STATE, ['payments-prod']).value.keys.map((k) => k.name)).toEqual(['invoices', 'receipts']);
    expect(selectAccounts(STATE, ['shared-services', 'payments-prod']).value.keys.map((k) => k.name)).toEqual(['invoices', 'receipts', 'audit-log']);
  });

  it('accepts a declared account that no key uses, which selects nothing', () => {
    const selected = selectAccounts(STATE, ['idle']);
    expect(selected.diagnostics).toEqual([]);
    expect(selected.value.keys).toEqual([]);
  });

  it('refuses an account the config does not declare, with the closest declared name', () => {
    const selected = selectAccounts(STATE, ['payments-prd']);
    expect(selected.diagnostics.map((d) => d.code)).toEqual([CLI_CODES.unknownAccount]);
    expect(selected.diagnostics[0]?.summary).toContain('payments-prd');
    expect(selected.diagnostics[0]?.detail).toContain('did you mean "payments-prod"?');
  });

  it('says so when the config declares no accounts at all', () => {
    const selected = selectAccounts({ ...STATE, accounts: new Map() }, ['payments-prod']);
    expect(selected.diagnostics.map((d) => d.code)).toEqual([CLI_CODES.unknownAccount]);
    expect(selected.diagnostics[0]?.detail).toContain('declares no accounts');
  });

  it('narrows together with --target: a key must pass both', () => {
    const targeted = selectTargets(STATE, ['invoices', 'audit-log']).value;
    expect(selectAccounts(targeted, ['payments-prod']).value.keys.map((k) => k.name)).toEqual(['invoices']);
  });
});
