/**
 * Reads the public keys of the declared keys' versions: DescribeKey (spec, usage, state), ListKeyVersions,
 * then GetPublicKey for only the versions exported (the newest N with `--only-newest N`), keys at most
 * `parallelism` at once. A key that cannot be read is an outcome of that key; the others go on.
 */
import type { DesiredKey } from '../config/desired-state.js';
import type { KeyMetadata, KeyVersion, PublicKeyInfo, WithRequestId } from '../kms/types.js';
import { isAsymmetricKeySpec } from '../kms/wire/enums.js';
import { formatInstant } from '../plan/instant.js';
import type { KeyLocation } from '../state/key-api.js';
import { classifyReadFailure } from '../state/read-failure.js';
import { runBounded } from '../state/run-bounded.js';
import type { ExportedVersion, KeyOutcome, KeyPublicKeys, PublicKeySet } from './public-key-set.js';

/** The calls this reader makes; the KMS client of a location has them. */
export interface PublicKeyApi {
  describeKey(keyId: string): Promise<WithRequestId<KeyMetadata>>;
  /** Every version, oldest first. */
  listKeyVersions(keyId: string): Promise<WithRequestId<KeyVersion[]>>;
  getPublicKey(keyId: string, versionId: string): Promise<WithRequestId<PublicKeyInfo>>;
}

export interface ReadPublicKeysOptions {
  /** The API of a key's account and region; may throw a client error (an account the run cannot reach). */
  apiFor(location: KeyLocation): PublicKeyApi;
  parallelism: number;
  signal: AbortSignal;
  /** Export only the newest N versions of each key; undefined: every version. */
  onlyNewest: number | undefined;
  /** The service's time, for `readAt`. */
  now(): Date;
  onKeyRead?: ((done: number, total: number) => void) | undefined;
}

export async function readPublicKeys(keys: readonly DesiredKey[], options: ReadPublicKeysOptions): Promise<PublicKeySet> {
  let done = 0;
  const read = await runBounded(
    keys,
    options.parallelism,
    async (key) => {
      const result = await readKey(key, options);
      options.onKeyRead?.(++done, keys.length);
      return result;
    },
    options.signal,
  );
  options.signal.throwIfAborted();
  return { readAt: formatInstant(options.now().getTime()), keys: read.map((entry, i) => entry ?? notRead(keys[i]!)) };
}

async function readKey(key: DesiredKey, options: ReadPublicKeysOptions): Promise<KeyPublicKeys> {
  // One literal per result, not `{ ...base, outcome }`: a hidden class per key otherwise (README, "Memory").
  const result = (outcome: KeyOutcome, metadata: KeyMetadata | undefined): KeyPublicKeys => ({
    name: key.name,
    account: key.account,
    region: key.region,
    keyId: key.keyId,
    resolvedKeyId: metadata?.keyId,
    keySpec: metadata?.keySpec,
    outcome,
  });
  let metadata: KeyMetadata | undefined;
  try {
    const api = options.apiFor({ account: key.account, region: key.region });
    metadata = (await api.describeKey(key.keyId)).value;
    const skipped = skipOf(metadata);
    if (skipped !== undefined) return result(skipped, metadata);
    const versions = (await api.listKeyVersions(metadata.keyId)).value;
    const chosen = newestFirst(versions).slice(0, options.onlyNewest ?? versions.length);
    const exported: ExportedVersion[] = [];
    for (const version of chosen) {
      const { publicKeyPem } = (await api.getPublicKey(metadata.keyId, version.keyVersionId)).value;
      exported.push({ versionId: version.keyVersionId, creationDate: version.creationDate, publicKeyPem });
    }
    return result({ status: 'exported', versions: exported, versionCount: versions.length }, metadata);
  } catch (error) {
    // An interrupted run ends as a whole; every other client error is this key's.
    if (options.signal.aborted) throw error;
    const failure = classifyReadFailure(error);
    const outcome: KeyOutcome = { status: 'error', code: failure.code, message: failure.message, requestId: failure.requestId };
    return result(outcome, metadata);
  }
}

/** Why a key read from the service has no public keys to export, or undefined when it has. */
function skipOf(metadata: KeyMetadata): KeyOutcome | undefined {
  if (!isAsymmetricKeySpec(metadata.keySpec)) return { status: 'skipped', reason: 'symmetric', detail: `${metadata.keySpec} is a symmetric key: it has no public key` };
  if (metadata.keyUsage !== 'SIGN/VERIFY') return { status: 'skipped', reason: 'not-signing', detail: `the key is for ${metadata.keyUsage}, not SIGN/VERIFY: no signature is verified with it` };
  if (metadata.keyState !== 'Enabled') return { status: 'skipped', reason: 'not-enabled', detail: `the key is ${metadata.keyState}: the service serves public keys of Enabled keys only` };
  return undefined;
}

/** Newest first: by CreationDate, then ID, the reverse of the client's order. */
function newestFirst(versions: readonly KeyVersion[]): KeyVersion[] {
  return [...versions].reverse();
}

function notRead(key: DesiredKey): KeyPublicKeys {
  const outcome: KeyOutcome = { status: 'error', code: 'key.not-read', message: 'not read: the run was stopped first', requestId: undefined };
  return { name: key.name, account: key.account, region: key.region, keyId: key.keyId, resolvedKeyId: undefined, keySpec: undefined, outcome };
}
