/**
 * The config's accounts, from every file's `accounts:`: each entry checked (rules/account-way.ts), then
 * merged by name. The same name in several files is one account when they say the same; said
 * differently, it is an error at the second, naming both places.
 */
import { isDeepStrictEqual } from 'node:util';
import { errorDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { CONFIG_CODES } from './codes.js';
import type { AccountSpec } from './desired-state.js';
import { quote } from './describe-path.js';
import { accountWay, type AccountEntry } from './rules/account-way.js';

export interface MergedAccounts {
  /** Every account declared, by name, including those in error (so that references to them are not reported too). */
  names: ReadonlySet<string>;
  /** The accounts without errors, as the desired state holds them. */
  accounts: Map<string, AccountSpec>;
  diagnostics: Diagnostic[];
}

export function mergeAccounts(entries: readonly AccountEntry[]): MergedAccounts {
  const first = new Map<string, AccountEntry>();
  const accounts = new Map<string, AccountSpec>();
  const diagnostics: Diagnostic[] = [];
  for (const entry of entries) {
    const own = accountWay(entry);
    const earlier = first.get(entry.name);
    if (earlier === undefined) {
      first.set(entry.name, entry);
      diagnostics.push(...own);
      if (!hasErrors(own) && !entry.damaged([])) accounts.set(entry.name, spec(entry));
      continue;
    }
    // A repeat that fails its own checks says so there; comparing it would add nothing.
    if (hasErrors(own) || entry.damaged([]) || earlier.damaged([]) || isDeepStrictEqual({ ...entry.account }, { ...earlier.account })) {
      diagnostics.push(...own);
      continue;
    }
    const diagnostic = errorDiagnostic(
      CONFIG_CODES.accountConflict,
      `account ${quote(entry.name)} is declared differently in ${JSON.stringify(earlier.file)} and in ${JSON.stringify(entry.file)}`,
      entry.nameRange(),
      'the files of a config merge their accounts: declare an account once, or the same way everywhere',
    );
    diagnostic.related = [{ message: `${quote(entry.name)} first declared here`, source: earlier.nameRange() }];
    diagnostics.push(diagnostic);
    accounts.delete(entry.name);
  }
  return { names: new Set(first.keys()), accounts, diagnostics };
}

function spec(entry: AccountEntry): AccountSpec {
  const { roleArn, externalId, sessionName, durationSeconds, profile } = entry.account;
  return { name: entry.name, roleArn, externalId, sessionName, durationSeconds, profile, source: entry.nameRange() };
}
