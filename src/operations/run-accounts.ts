/**
 * The accounts a run speaks as: those its keys use (after --target and --account), with how to reach
 * each, as the session takes them. A config may declare accounts a run never touches; their roles are
 * then never assumed.
 */
import type { AccountSpec } from '../config/desired-state.js';
import type { KmsAccountSpec } from '../kms/client-factory.js';
import type { SessionAccounts } from './session.js';

/** The specs of the accounts `keys` use; keys of the base identity need none. */
export function accountsOfKeys(keys: readonly { account: string | undefined }[], declared: ReadonlyMap<string, AccountSpec>): SessionAccounts {
  const used: Record<string, KmsAccountSpec> = {};
  for (const key of keys) {
    if (key.account === undefined || Object.hasOwn(used, key.account)) continue;
    const spec = declared.get(key.account);
    // The config layer reports an account it lacks, at the key's line; such a config never gets this far.
    if (spec !== undefined) used[key.account] = clientSpec(spec);
  }
  return used;
}

/** How the client reaches an account: the config's fields, without its name and position. */
export function clientSpec(spec: AccountSpec): KmsAccountSpec {
  return { roleArn: spec.roleArn, externalId: spec.externalId, sessionName: spec.sessionName, durationSeconds: spec.durationSeconds, profile: spec.profile };
}

/** How many accounts the keys speak as, the base identity counted as one. */
export function identityCount(keys: readonly { account: string | undefined }[]): number {
  return new Set(keys.map((key) => key.account ?? '')).size;
}
