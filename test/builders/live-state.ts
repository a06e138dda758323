/** In-memory builders of the live state, as the state reader would produce it from the KMS API. */
import type { KeyMetadata, KeyVersion } from '../../src/kms/types.js';
import { liveKeyRef, type InstanceRead, type LiveKey, type LiveKeyFacts, type LiveKeyRead, type LiveState } from '../../src/state/live-state.js';
import { T0 } from './time.js';

/** A deterministic UUID-shaped version ID: versionId(1) = `00000000-0000-4000-8000-000000000001`. */
export function versionId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A live version by creation date (ID `versionId(position)`) or with an explicit ID. */
export type VersionInput = string | { id: string; creationDate: string };

export interface LiveKeyInput {
  /** The resolved key ID; default `key-signing`. */
  keyId?: string;
  /** Creation dates or {id, creationDate}, in any order; sorted oldest first like the state reader does. Default: one version at T0. */
  versions?: VersionInput[];
  /** Overrides; by default an Enabled RSA_2048 key whose LastRotationDate is its newest version's date. */
  metadata?: Partial<KeyMetadata>;
  /** What GetKmsInstance said of the key's instance, when it was read. */
  instance?: InstanceRead;
}

/** A readable key with its versions, oldest first (by CreationDate, then ID). */
export function liveKey(input: LiveKeyInput = {}): LiveKey {
  const { metadata, versions } = fullKey(input);
  return input.instance === undefined ? { metadata, versions } : { metadata, versions, instance: input.instance };
}

/** The same key as `liveKey`, read with DescribeKey alone: its versions not listed. */
export function unlistedKey(input: LiveKeyInput = {}): LiveKeyFacts {
  return { ...liveKey(input), versions: undefined };
}

/** A key in a KMS instance: DKMSInstanceId set, ProtectionLevel as given, and GetKmsInstance's answer when `kind` is given. */
export function instanceKey(
  input: LiveKeyInput & { instanceId?: string; kind?: 'software' | 'hardware'; protectionLevel?: 'SOFTWARE' | 'HSM' } = {},
): LiveKey {
  const instanceId = input.instanceId ?? 'kst-hzz0software01';
  return liveKey({
    ...input,
    metadata: { keySpec: 'Aliyun_AES_256', keyUsage: 'ENCRYPT/DECRYPT', protectionLevel: input.protectionLevel ?? 'SOFTWARE', dkmsInstanceId: instanceId, ...input.metadata },
    instance: input.instance ?? (input.kind === undefined ? undefined : { status: 'read', instanceId, kind: input.kind }),
  });
}

/** The whole DescribeKey answer and the versions of a key (the fake KMS serves these). */
export function fullKey(input: LiveKeyInput = {}): { metadata: KeyMetadata; versions: KeyVersion[] } {
  const keyId = input.metadata?.keyId ?? input.keyId ?? 'key-signing';
  const versions: KeyVersion[] = (input.versions ?? [T0])
    .map((v, i) =>
      typeof v === 'string'
        ? { keyId, keyVersionId: versionId(i + 1), creationDate: v }
        : { keyId, keyVersionId: v.id, creationDate: v.creationDate },
    )
    .sort((a, b) => Date.parse(a.creationDate) - Date.parse(b.creationDate) || a.keyVersionId.localeCompare(b.keyVersionId));
  const oldest = versions[0];
  const newest = versions[versions.length - 1];
  const metadata: KeyMetadata = {
    keyId,
    arn: `acs:kms:cn-hangzhou:1234567890:key/${keyId}`,
    keySpec: 'RSA_2048',
    keyUsage: 'SIGN/VERIFY',
    keyState: 'Enabled',
    origin: 'Aliyun_KMS',
    protectionLevel: 'SOFTWARE',
    dkmsInstanceId: undefined,
    creationDate: oldest?.creationDate ?? T0,
    lastRotationDate: newest?.creationDate ?? T0,
    primaryKeyVersion: newest?.keyVersionId,
    automaticRotation: 'Disabled',
    rotationInterval: undefined,
    nextRotationDate: undefined,
    deleteDate: undefined,
    materialExpireTime: undefined,
    creator: '1234567890',
    description: undefined,
    deletionProtection: 'Disabled',
    ...input.metadata,
  };
  return { metadata, versions };
}

/** Creation dates `count` versions apart by `stepMs`, the last one at `newest`. */
export function versionDates(count: number, newest: string, stepMs: number): string[] {
  const end = Date.parse(newest);
  return Array.from({ length: count }, (_, i) =>
    new Date(end - (count - 1 - i) * stepMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  );
}

export function found<K extends LiveKeyFacts>(key: K): LiveKeyRead<K> {
  return { status: 'found', key };
}

export function notFound(code: 'Forbidden.KeyNotFound' | 'Forbidden.AliasNotFound' = 'Forbidden.KeyNotFound', requestId = 'req-not-found'): LiveKeyRead {
  return { status: 'not-found', code, message: code === 'Forbidden.AliasNotFound' ? 'The specified alias is not found.' : 'The specified Key is not found.', requestId };
}

export function readFailed(code = 'Forbidden.RAM', message = 'User not authorized to operate on the specified resource.', requestId: string | undefined = 'req-failed'): LiveKeyRead {
  return { status: 'failed', code, message, requestId };
}

/** Where a key is declared: anything with an account, a region and the key ID or alias as declared. */
export interface KeyAddress {
  account?: string | undefined;
  region: string;
  keyId: string;
}

/** A live state with one read per declared key address. */
export function liveState(...entries: [KeyAddress, LiveKeyRead<LiveKeyFacts>][]): LiveState<LiveKeyFacts> {
  return { keys: new Map(entries.map(([address, read]) => [liveKeyRef(address.region, address.keyId, address.account), read])) };
}
