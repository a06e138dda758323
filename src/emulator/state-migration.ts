/**
 * Reads a state file of version 1, from before accounts and KMS instances, into today's state: every
 * key and alias goes to the base account, keys get no deletion protection, and each instance a key
 * names (a "private key store" then) becomes a declared instance of the key's account and region, of
 * the kind its ProtectionLevel shows (HSM: hardware), so the key keeps the placement it had.
 */
import type { KeyOrigin, KeySpec, KeyState, KeyUsage, ProtectionLevel } from '../kms/wire/enums.js';
import type { SavedClock } from './clock.js';
import { DEFAULT_KEY_NUM } from './instances.js';
import type { EmulatorState, InstanceRecord, VersionRecord } from './model.js';

/** A version-1 document, as its schema (state-schema.ts) checked it. */
export interface StateV1 {
  clock: SavedClock;
  keys: {
    keyId: string;
    region: string;
    keySpec: KeySpec;
    keyUsage: KeyUsage;
    keyState: KeyState;
    origin: KeyOrigin;
    protectionLevel: ProtectionLevel;
    dkmsInstanceId: string;
    description: string;
    creationDate: string;
    creator: string;
    deleteDate: string;
    stateBeforeDeletion: KeyState | '';
    automaticRotation: 'Enabled' | 'Disabled';
    rotationIntervalSeconds: number;
    versions: VersionRecord[];
  }[];
  aliases: { region: string; aliasName: string; keyId: string }[];
}

export function migrateFromVersion1(old: StateV1, baseAccount: string): EmulatorState {
  const instances = new Map<string, InstanceRecord>();
  for (const key of old.keys) {
    if (key.dkmsInstanceId === '' || instances.has(key.dkmsInstanceId)) continue;
    instances.set(key.dkmsInstanceId, {
      instanceId: key.dkmsInstanceId,
      account: baseAccount,
      region: key.region,
      kind: key.protectionLevel === 'HSM' ? 'hardware' : 'software',
      name: key.dkmsInstanceId,
      keyNum: DEFAULT_KEY_NUM,
      createTime: key.creationDate,
    });
  }
  return {
    baseAccount,
    accounts: [],
    instances: [...instances.values()],
    keys: old.keys.map((key) => ({ ...key, account: baseAccount, deletionProtection: 'Disabled', deletionProtectionDescription: '' })),
    aliases: old.aliases.map((alias) => ({ account: baseAccount, ...alias })),
    clock: old.clock,
  };
}
