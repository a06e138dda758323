/**
 * The emulator's model: keys, versions, aliases, KMS instances and accounts. Versions are kept oldest
 * first, so the newest one is the primary version and its creation date the LastRotationDate: both are
 * derived, never stored, and so can never disagree with the versions. How the model reads on the wire
 * is in wire-model.ts.
 */
import type { DeletionProtectionState, KeyOrigin, KeySpec, KeyState, KeyUsage, KmsInstanceKind, ProtectionLevel } from '../kms/wire/enums.js';
import type { SavedClock } from './clock.js';

/**
 * Where a resource lives: an Alibaba Cloud account (its UID) and a region. Keys, aliases, instances,
 * quotas and statistics are kept per scope, as on the service; a caller only ever sees its own account's.
 */
export interface Scope {
  account: string;
  region: string;
}

export interface VersionRecord {
  keyVersionId: string;
  /** `YYYY-MM-DDTHH:mm:ssZ`. */
  creationDate: string;
  /**
   * An asymmetric version's private key (PKCS #8 PEM), made by the first cryptographic action that needs
   * it (src/emulator/crypto/): absent for symmetric keys and for versions no action has used yet.
   */
  keyMaterial?: string;
}

export interface KeyRecord {
  keyId: string;
  /** The account (UID) that owns the key. */
  account: string;
  region: string;
  keySpec: KeySpec;
  keyUsage: KeyUsage;
  keyState: KeyState;
  origin: KeyOrigin;
  protectionLevel: ProtectionLevel;
  /** The KMS instance holding the key (`kst-...`); `""` for a key of the classic shared KMS. */
  dkmsInstanceId: string;
  description: string;
  creationDate: string;
  creator: string;
  /** When a key PendingDeletion goes away; `""` otherwise. */
  deleteDate: string;
  /** The state CancelKeyDeletion returns to (an EXTERNAL key without material goes back to PendingImport). */
  stateBeforeDeletion: KeyState | '';
  /** The automatic rotation policy; DescribeKey shows `Suspended` while the key is not Enabled (wire-model.ts). */
  automaticRotation: 'Enabled' | 'Disabled';
  /** Automatic rotation period in seconds; 0 when none is set. */
  rotationIntervalSeconds: number;
  /** SetDeletionProtection: a protected key cannot be scheduled for deletion. */
  deletionProtection: DeletionProtectionState;
  /** Why the key is protected; `""` when it is not. */
  deletionProtectionDescription: string;
  /** Oldest first; the first is the initial version. Never empty. */
  versions: VersionRecord[];
}

export interface AliasRecord {
  account: string;
  region: string;
  aliasName: string;
  keyId: string;
}

/** A KMS instance (KMS 3.0) declared in a seed; each account and region also has default ones (instances.ts). */
export interface InstanceRecord {
  instanceId: string;
  account: string;
  region: string;
  kind: KmsInstanceKind;
  name: string;
  /** The instance's key quota: each key version in it uses one unit. */
  keyNum: number;
  createTime: string;
}

/** An account a seed declared, with the RAM roles STS lets callers assume in it. */
export interface AccountRecord {
  uid: string;
  /** Role names AssumeRole accepts in this account; null: any role name. */
  roles: string[] | null;
}

/**
 * A key as the store's reads hand it out. Read-only, so a change cannot bypass the store's undo journal:
 * the writable record comes from `StoreWriter.editKey` inside `EmulatorStore.mutate`.
 */
export type KeyView = { readonly [F in keyof KeyRecord]: F extends 'versions' ? readonly Readonly<VersionRecord>[] : KeyRecord[F] };

/** An alias as the store's reads hand it out; aliases change only through `StoreWriter.putAlias`/`removeAlias`. */
export type AliasView = Readonly<AliasRecord>;

/** Everything the emulator keeps: what the state file holds besides its header. */
export interface EmulatorState {
  /** The account of the emulator's own access key. */
  baseAccount: string;
  accounts: AccountRecord[];
  instances: InstanceRecord[];
  keys: KeyRecord[];
  aliases: AliasRecord[];
  clock: SavedClock;
}

export function newestVersion(key: KeyView): Readonly<VersionRecord> {
  const newest = key.versions[key.versions.length - 1];
  if (newest === undefined) throw new Error(`key ${key.keyId} has no versions`);
  return newest;
}

/** Whether a key lies in a scope. */
export function inScope(record: { account: string; region: string }, scope: Scope): boolean {
  return record.account === scope.account && record.region === scope.region;
}

/** When automatic rotation next makes a version of the key (ms), or undefined when it will not: only an Enabled key with a policy rotates. */
export function nextRotationMs(key: KeyView): number | undefined {
  if (key.automaticRotation !== 'Enabled' || key.rotationIntervalSeconds <= 0) return undefined;
  return Date.parse(newestVersion(key).creationDate) + key.rotationIntervalSeconds * 1000;
}
