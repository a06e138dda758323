/** `kmsctl show`'s model: the live state of each declared key, with its versions' ages and its next version. */
import type { DesiredKey } from '../config/desired-state.js';
import { parseInstant } from '../plan/instant.js';
import { liveKeyRefOf, type LiveKey, type LiveState } from '../state/live-state.js';
import { nextVersionOf, type NextVersion } from './next-version.js';

export interface ShownVersion {
  versionId: string;
  creationDate: string;
  ageSeconds: number;
  primary: boolean;
}

export interface ShownKey {
  name: string;
  keyId: string;
  /** The account of the config the key lives in; undefined: the run's base identity. */
  account: string | undefined;
  region: string;
  /** Undefined when the key could not be read (see `error`). */
  live:
    | {
        resolvedKeyId: string;
        keySpec: string;
        keyState: string;
        origin: string;
        /** The KMS instance holding the key; undefined for the classic shared KMS. */
        kmsInstanceId: string | undefined;
        primaryKeyVersion: string | undefined;
        lastRotationDate: string | undefined;
        nextVersion: NextVersion;
        versions: ShownVersion[];
      }
    | undefined;
  error: { code: string; message: string; requestId: string | undefined } | undefined;
}

export function showKeys(keys: readonly DesiredKey[], live: LiveState<LiveKey>, now: Date): ShownKey[] {
  return keys.map((key) => {
    // Literals, not `{ ...base, live }`: a hidden class per key otherwise (README, "Memory").
    const { name, keyId, account, region } = key;
    const read = live.keys.get(liveKeyRefOf(key));
    if (!read || read.status !== 'found') {
      const error = read ? { code: read.code, message: read.message, requestId: read.requestId || undefined } : { code: 'key.not-read', message: 'not read', requestId: undefined };
      return { name, keyId, account, region, live: undefined, error };
    }
    const { metadata, versions } = read.key;
    return {
      name,
      keyId,
      account,
      region,
      error: undefined,
      live: {
        resolvedKeyId: metadata.keyId,
        keySpec: metadata.keySpec,
        keyState: metadata.keyState,
        origin: metadata.origin,
        kmsInstanceId: metadata.dkmsInstanceId || undefined,
        primaryKeyVersion: metadata.primaryKeyVersion || undefined,
        lastRotationDate: metadata.lastRotationDate || undefined,
        nextVersion: nextVersionOf(read.key, key.maxVersions, now),
        versions: versions.map((v) => ({
          versionId: v.keyVersionId,
          creationDate: v.creationDate,
          ageSeconds: Math.max(0, Math.floor((now.getTime() - (parseInstant(v.creationDate) ?? now.getTime())) / 1000)),
          primary: v.keyVersionId === metadata.primaryKeyVersion,
        })),
      },
    };
  });
}
