/**
 * The emulator's model of keys, versions and aliases, and how it reads on the wire. Versions are kept
 * oldest first, so the newest one is the primary version and its creation date the LastRotationDate:
 * both are derived, never stored, and so can never disagree with the versions.
 */
import type { KeyOrigin, KeySpec, KeyState, KeyUsage, ProtectionLevel } from '../kms/wire/enums.js';
import type { WireAlias, WireKeyMetadata, WireKeyVersion } from '../kms/wire/types.js';
import type { SavedClock } from './clock.js';
import { formatDate } from './dates.js';

export interface VersionRecord {
  keyVersionId: string;
  /** `YYYY-MM-DDTHH:mm:ssZ`. */
  creationDate: string;
}

export interface KeyRecord {
  keyId: string;
  region: string;
  keySpec: KeySpec;
  keyUsage: KeyUsage;
  keyState: KeyState;
  origin: KeyOrigin;
  protectionLevel: ProtectionLevel;
  /** The private key store (KMS instance) holding the key; `""` for the default key store. */
  dkmsInstanceId: string;
  description: string;
  creationDate: string;
  creator: string;
  /** When a key PendingDeletion goes away; `""` otherwise. */
  deleteDate: string;
  /** The state CancelKeyDeletion returns to (an EXTERNAL key without material goes back to PendingImport). */
  stateBeforeDeletion: KeyState | '';
  automaticRotation: 'Enabled' | 'Disabled';
  /** Automatic rotation period in seconds; 0 when none is set. */
  rotationIntervalSeconds: number;
  /** Oldest first; the first is the initial version. Never empty. */
  versions: VersionRecord[];
}

export interface AliasRecord {
  region: string;
  aliasName: string;
  keyId: string;
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
  keys: KeyRecord[];
  aliases: AliasRecord[];
  clock: SavedClock;
}

export function newestVersion(key: KeyView): Readonly<VersionRecord> {
  const newest = key.versions[key.versions.length - 1];
  if (newest === undefined) throw new Error(`key ${key.keyId} has no versions`);
  return newest;
}

export function keyArn(region: string, uid: string, keyId: string): string {
  return `acs:kms:${region}:${uid}:key/${keyId}`;
}

export function aliasArn(region: string, uid: string, aliasName: string): string {
  return `acs:kms:${region}:${uid}:${aliasName}`;
}

export function toWireKeyMetadata(key: KeyView, uid: string): WireKeyMetadata {
  const last = newestVersion(key);
  const rotating = key.automaticRotation === 'Enabled' && key.rotationIntervalSeconds > 0;
  return {
    KeyId: key.keyId,
    Arn: keyArn(key.region, uid, key.keyId),
    KeySpec: key.keySpec,
    KeyUsage: key.keyUsage,
    KeyState: key.keyState,
    Origin: key.origin,
    ProtectionLevel: key.protectionLevel,
    DKMSInstanceId: key.dkmsInstanceId,
    CreationDate: key.creationDate,
    LastRotationDate: last.creationDate,
    PrimaryKeyVersion: last.keyVersionId,
    AutomaticRotation: key.automaticRotation,
    RotationInterval: key.rotationIntervalSeconds > 0 ? `${key.rotationIntervalSeconds}s` : '',
    NextRotationDate: rotating ? addSeconds(last.creationDate, key.rotationIntervalSeconds) : '',
    DeleteDate: key.deleteDate,
    MaterialExpireTime: '',
    Creator: key.creator,
    Description: key.description,
    DeletionProtection: 'Disabled',
  };
}

export function toWireKeyVersion(keyId: string, version: Readonly<VersionRecord>): WireKeyVersion {
  return { KeyId: keyId, KeyVersionId: version.keyVersionId, CreationDate: version.creationDate };
}

export function toWireAlias(alias: AliasView, uid: string): WireAlias {
  return { AliasName: alias.aliasName, AliasArn: aliasArn(alias.region, uid, alias.aliasName), KeyId: alias.keyId };
}

function addSeconds(date: string, seconds: number): string {
  return formatDate(Date.parse(date) + seconds * 1000);
}
