/**
 * Reads the live state of the declared keys with the fewest calls: DescribeKey (which resolves an
 * alias) and ListKeyVersions (all pages, 100 a page) per distinct key and region, and
 * DescribeKeyVersion only for a pinned version the listing lacks. Keys are read concurrently with a bound.
 */
import type { DesiredKey } from '../config/desired-state.js';
import { KmsApiError, KmsTransportError } from '../kms/errors.js';
import type { KeyMetadata, KeyVersion } from '../kms/types.js';
import type { KeyApi, RegionalKeyApis } from './key-api.js';
import { liveKeyRef, type LiveKeyMetadata, type LiveKeyRead, type LiveState } from './live-state.js';
import { sortVersions } from './sort-versions.js';
import { runBounded } from './run-bounded.js';

export const NOT_FOUND_CODES = new Set(['Forbidden.KeyNotFound', 'Forbidden.AliasNotFound']);

export interface ReadLiveStateOptions {
  parallelism: number;
  signal?: AbortSignal | undefined;
  /** Called after each distinct key is read, for progress lines. */
  onKeyRead?: ((done: number, total: number) => void) | undefined;
}

export async function readLiveState(keys: readonly DesiredKey[], apis: RegionalKeyApis, options: ReadLiveStateOptions): Promise<LiveState> {
  const distinct = new Map<string, { region: string; keyId: string; pinned: Set<string> }>();
  for (const key of keys) {
    const ref = liveKeyRef(key.region, key.keyId);
    const entry = distinct.get(ref) ?? { region: key.region, keyId: key.keyId, pinned: new Set<string>() };
    for (const version of key.versions) if (version.kind === 'pinned') entry.pinned.add(version.id);
    distinct.set(ref, entry);
  }
  const entries = [...distinct.entries()];
  let done = 0;
  const reads = await runBounded(
    entries,
    options.parallelism,
    async ([, entry]) => {
      const read = await readKey(apis.forRegion(entry.region), entry.keyId, entry.pinned);
      options.onKeyRead?.(++done, entries.length);
      return read;
    },
    options.signal,
  );
  if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('interrupted');
  const state: LiveState = { keys: new Map() };
  entries.forEach(([ref], index) => {
    const read = reads[index];
    if (read) state.keys.set(ref, read);
  });
  return state;
}

/** Reads one key; a not-found or failed read is a value, so one bad key never hides the others' plan. */
export async function readKey(api: KeyApi, keyId: string, pinned: ReadonlySet<string> = new Set()): Promise<LiveKeyRead> {
  try {
    const metadata = liveMetadata((await api.describeKey(keyId)).value);
    const { value: listed } = await api.listKeyVersions(metadata.keyId);
    // Every version shares its key's ID string: a fleet's live state holds hundreds of thousands of versions.
    const versions = listed.map((v) => ({ keyId: metadata.keyId, keyVersionId: v.keyVersionId, creationDate: v.creationDate }));
    const known = new Set(versions.map((v) => v.keyVersionId));
    for (const id of pinned) {
      if (!known.has(id)) {
        const confirmed = await confirmVersion(api, metadata.keyId, id);
        if (confirmed) versions.push(confirmed);
      }
    }
    return { status: 'found', key: { metadata, versions: sortVersions(versions) } };
  } catch (error) {
    return failedRead(error);
  }
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
    keySpec: shared(metadata.keySpec),
    keyState: shared(metadata.keyState),
    origin: shared(metadata.origin),
    dkmsInstanceId: shared(metadata.dkmsInstanceId),
    creationDate: metadata.creationDate,
    lastRotationDate: metadata.lastRotationDate,
    primaryKeyVersion: metadata.primaryKeyVersion,
  };
}

/** DescribeKeyVersion for a pinned ID the listing lacks: undefined when the service says it does not exist. */
async function confirmVersion(api: KeyApi, keyId: string, versionId: string): Promise<KeyVersion | undefined> {
  try {
    return (await api.describeKeyVersion(keyId, versionId)).value;
  } catch (error) {
    if (error instanceof KmsApiError && error.code === 'Forbidden.KeyVersionNotFound') return undefined;
    throw error;
  }
}

/**
 * Failures that concern every key alike (no route to the endpoint, credentials refused) end the whole
 * read with one message instead of repeating on each key.
 */
const FATAL_CODES = /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|IllegalTimestamp|InvalidSecurityToken)/;

export function failedRead(error: unknown): LiveKeyRead {
  if (error instanceof KmsApiError && FATAL_CODES.test(error.code)) throw error;
  if (error instanceof KmsTransportError && (error.kind === 'connect' || error.kind === 'deadline')) throw error;
  if (error instanceof KmsApiError) {
    if (NOT_FOUND_CODES.has(error.code)) return { status: 'not-found', code: error.code, message: error.serviceMessage, requestId: error.requestId };
    return { status: 'failed', code: error.code, message: error.serviceMessage, requestId: error.requestId };
  }
  if (error instanceof KmsTransportError) return { status: 'failed', code: `transport.${error.kind}`, message: error.message, requestId: undefined };
  throw error;
}
