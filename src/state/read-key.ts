/**
 * Reading one key: DescribeKey (which resolves an alias or ARN), then, where asked, ListKeyVersions (all
 * pages, 100 a page) and DescribeKeyVersion for a pinned ID the listing lacks.
 */
import type { KeyMetadata, KeyVersion } from '../kms/types.js';
import { KmsApiError } from '../kms/errors.js';
import { isNotFoundAnswer } from '../kms/wire/error-codes.js';
import type { KeyApi } from './key-api.js';
import type { LiveKey, LiveKeyMetadata, LiveKeyRead } from './live-state.js';
import { classifyReadFailure } from './read-failure.js';
import { sortVersions } from './sort-versions.js';
import { idKey } from '../config/version-ids.js';

/** DescribeKey, keeping the fields planning and `show` read. */
export async function describeLiveKey(api: KeyApi, keyId: string): Promise<LiveKeyMetadata> {
  return liveMetadata((await api.describeKey(keyId)).value);
}

/**
 * Every version of the key, oldest first, and any pinned ID the listing lacks that DescribeKeyVersion
 * confirms. A pin the service answers not-found for (whatever its code) is left out: the planner reports it.
 */
export async function listLiveVersions(api: KeyApi, keyId: string, pinned: ReadonlySet<string>): Promise<KeyVersion[]> {
  const { value: listed } = await api.listKeyVersions(keyId);
  // Every version shares its key's ID string, and a pinned version the config's ID string: a fleet's plan
  // holds hundreds of thousands of version IDs, and with every version pinned this halves their strings
  // (about 5.7 MB for 10,000 keys of 10 versions).
  const asPinned = new Map<string, string>();
  for (const id of pinned) asPinned.set(id, id);
  const versions = listed.map((v) => ({ keyId, keyVersionId: asPinned.get(v.keyVersionId) ?? v.keyVersionId, creationDate: v.creationDate }));
  const known = new Set(versions.map((v) => idKey(v.keyVersionId)));
  for (const id of pinned) {
    if (known.has(idKey(id))) continue;
    const confirmed = await confirmVersion(api, keyId, id);
    if (confirmed) versions.push(confirmed);
  }
  return sortVersions(versions);
}

/**
 * Reads one key in full (DescribeKey and every version). A key-level failure is a value, so one bad key
 * never hides the others; a failure every key of the location would meet is raised (see read-failure.ts).
 */
export async function readKey(api: KeyApi, keyId: string, pinned: ReadonlySet<string> = new Set()): Promise<LiveKeyRead> {
  try {
    const metadata = await describeLiveKey(api, keyId);
    const key: LiveKey = { metadata, versions: await listLiveVersions(api, metadata.keyId, pinned) };
    return { status: 'found', key };
  } catch (error) {
    return failedRead(error);
  }
}

/** A failed read as a value; raises what concerns the whole location (and anything that is not a KMS error). */
export function failedRead(error: unknown): Exclude<LiveKeyRead, { status: 'found' }> {
  const failure = classifyReadFailure(error);
  if (failure.scope === 'location') throw error;
  if (failure.status === 'not-found') return { status: 'not-found', code: failure.code, message: failure.message, requestId: failure.requestId ?? '' };
  return { status: 'failed', code: failure.code, message: failure.message, requestId: failure.requestId };
}

/** Values of enum-like fields repeat across a fleet: each is kept once, not once per key. */
const sharedValues = new Map<string, string>();

function shared<T extends string | undefined>(value: T): T {
  if (value === undefined || value.length > 64) return value;
  const known = sharedValues.get(value);
  if (known !== undefined) return known as T;
  sharedValues.set(value, value);
  return value;
}

/** The fields planning and `show` read; a 10,000-key plan need not hold the rest of every DescribeKey answer. */
function liveMetadata(metadata: KeyMetadata): LiveKeyMetadata {
  return {
    keyId: metadata.keyId,
    arn: metadata.arn,
    keySpec: shared(metadata.keySpec),
    keyState: shared(metadata.keyState),
    origin: shared(metadata.origin),
    protectionLevel: shared(metadata.protectionLevel),
    dkmsInstanceId: shared(metadata.dkmsInstanceId),
    creationDate: metadata.creationDate,
    lastRotationDate: metadata.lastRotationDate,
    primaryKeyVersion: metadata.primaryKeyVersion,
  };
}

/** DescribeKeyVersion for a pinned ID the listing lacks: undefined on any not-found answer about it. */
async function confirmVersion(api: KeyApi, keyId: string, versionId: string): Promise<KeyVersion | undefined> {
  try {
    return (await api.describeKeyVersion(keyId, versionId)).value;
  } catch (error) {
    if (error instanceof KmsApiError && isNotFoundAnswer(error)) return undefined;
    throw error;
  }
}
