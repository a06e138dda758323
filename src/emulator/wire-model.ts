/**
 * How the model reads on the wire: each function returns the shared wire type (src/kms/wire/types.ts),
 * so a field the client reads and the emulator does not write, or writes under another name, fails the
 * typecheck.
 *
 * DescribeKey leaves fields out as the DescribeKey reference gives them (the official TypeScript SDK's
 * `DescribeKeyResponseBody`, generated from help.aliyun.com DescribeKey): `DeleteDate` only for a key
 * PendingDeletion; `RotationInterval` and `NextRotationDate` only while `AutomaticRotation` is `Enabled`
 * or `Suspended`; `DeletionProtectionDescription` only with deletion protection on; `MaterialExpireTime`
 * only for imported material that expires, which the emulator does not model.
 */
import type { AutomaticRotationState } from '../kms/wire/enums.js';
import type { WireAlias, WireKeyListEntry, WireKeyMetadata, WireKeyVersion } from '../kms/wire/types.js';
import { aliasArn, keyArn } from './arn.js';
import { formatDate } from './dates.js';
import { newestVersion, nextRotationMs, type AliasView, type KeyView, type VersionRecord } from './model.js';

export function toWireKeyMetadata(key: KeyView): WireKeyMetadata {
  const last = newestVersion(key);
  const rotation = automaticRotationShown(key);
  const next = nextRotationMs(key);
  const rotating = rotation !== 'Disabled' && next !== undefined;
  const protectedKey = key.deletionProtection === 'Enabled';
  return {
    KeyId: key.keyId,
    Arn: keyArn(key.region, key.account, key.keyId),
    KeySpec: key.keySpec,
    KeyUsage: key.keyUsage,
    KeyState: key.keyState,
    Origin: key.origin,
    ProtectionLevel: key.protectionLevel,
    DKMSInstanceId: key.dkmsInstanceId,
    CreationDate: key.creationDate,
    LastRotationDate: last.creationDate,
    PrimaryKeyVersion: last.keyVersionId,
    AutomaticRotation: rotation,
    ...(rotating ? { RotationInterval: `${key.rotationIntervalSeconds}s`, NextRotationDate: formatDate(next) } : {}),
    ...(key.keyState === 'PendingDeletion' ? { DeleteDate: key.deleteDate } : {}),
    Creator: key.creator,
    Description: key.description,
    DeletionProtection: key.deletionProtection,
    ...(protectedKey ? { DeletionProtectionDescription: key.deletionProtectionDescription } : {}),
  };
}

/**
 * `Suspended` is listed by the DescribeKey reference without a definition. kmsctl's reading, from the
 * Automatic key rotation page (help.aliyun.com document 134270: KMS rotates only keys it can use): a key
 * whose rotation policy is on but which is not Enabled (Disabled, PendingDeletion, Unavailable) is not
 * rotated, and shows `Suspended`; enabled again, it shows `Enabled` and rotation resumes.
 */
export function automaticRotationShown(key: KeyView): AutomaticRotationState {
  if (key.automaticRotation !== 'Enabled') return 'Disabled';
  return key.keyState === 'Enabled' ? 'Enabled' : 'Suspended';
}

export function toWireKeyVersion(keyId: string, version: Readonly<VersionRecord>): WireKeyVersion {
  return { KeyId: keyId, KeyVersionId: version.keyVersionId, CreationDate: version.creationDate };
}

export function toWireAlias(alias: AliasView): WireAlias {
  return { AliasName: alias.aliasName, AliasArn: aliasArn(alias.region, alias.account, alias.aliasName), KeyId: alias.keyId };
}

export function toWireKeyListEntry(key: KeyView): WireKeyListEntry {
  return { KeyId: key.keyId, KeyArn: keyArn(key.region, key.account, key.keyId) };
}
