/**
 * Narrowing a run to some keys: `--target NAME` (logical key names) and `--account NAME` (accounts of
 * the config's `accounts:`), both repeatable, both narrowing (a key must pass both). A name the config
 * does not have is an error with the closest name it has, so a typo never runs on nothing.
 */
import type { DesiredState } from '../config/desired-state.js';
import { errorDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { CLI_CODES } from '../cli/error-codes.js';

export interface Selection {
  value: DesiredState;
  diagnostics: Diagnostic[];
}

/** Keeps only the --target keys; an unknown name is an error with the closest known name. */
export function selectTargets(desired: DesiredState, targets: readonly string[]): Selection {
  if (targets.length === 0) return { value: desired, diagnostics: [] };
  const names = desired.keys.map((key) => key.name);
  const diagnostics: Diagnostic[] = [];
  for (const target of targets) {
    if (names.includes(target)) continue;
    const hint = didYouMean(target, names);
    diagnostics.push(errorDiagnostic(CLI_CODES.unknownTarget, `--target ${target}: no key of that name in the config`, undefined, hint ? `did you mean "${hint}"?` : undefined));
  }
  return { value: { ...desired, keys: desired.keys.filter((key) => targets.includes(key.name)) }, diagnostics };
}

/** Keeps only the keys of the --account accounts; an account the config does not declare is an error with the closest declared one. */
export function selectAccounts(desired: DesiredState, accounts: readonly string[]): Selection {
  if (accounts.length === 0) return { value: desired, diagnostics: [] };
  const declared = [...desired.accounts.keys()];
  const diagnostics: Diagnostic[] = [];
  for (const account of accounts) {
    if (desired.accounts.has(account)) continue;
    const hint = didYouMean(account, declared);
    const known = declared.length === 0 ? 'the config declares no accounts' : `the config declares ${listed(declared)}`;
    diagnostics.push(errorDiagnostic(CLI_CODES.unknownAccount, `--account ${account}: no account of that name in the config`, undefined, `${hint ? `did you mean "${hint}"? ` : ''}${known}`));
  }
  return { value: { ...desired, keys: desired.keys.filter((key) => key.account !== undefined && accounts.includes(key.account)) }, diagnostics };
}

/** At most ten names, then how many more: a config of many accounts stays one readable line. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 10).map((name) => JSON.stringify(name)).join(', ');
  return names.length > 10 ? `${shown} and ${names.length - 10} more` : shown;
}
