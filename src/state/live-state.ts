/**
 * Live state of the declared keys, as read from the KMS API. Built by `read-live-state.ts`, consumed
 * by the pure planner and by `show`.
 */
import type { KeyMetadata, KeyVersion } from '../kms/types.js';

/** What planning and `show` read of DescribeKey: a fleet's live state keeps only these fields. */
export type LiveKeyMetadata = Pick<KeyMetadata, 'keyId' | 'keySpec' | 'keyState' | 'origin' | 'dkmsInstanceId' | 'creationDate' | 'lastRotationDate' | 'primaryKeyVersion'>;

export interface LiveKey {
  metadata: LiveKeyMetadata;
  /** Every version of the key, oldest first (sorted by CreationDate, then ID). */
  versions: KeyVersion[];
}

export type LiveKeyRead =
  | { status: 'found'; key: LiveKey }
  /** The service said the key or alias does not exist (`Forbidden.KeyNotFound`, `Forbidden.AliasNotFound`). */
  | { status: 'not-found'; code: string; message: string; requestId: string }
  /** The read failed for another reason (access denied, network, server error). */
  | { status: 'failed'; code: string; message: string; requestId: string | undefined };

export interface LiveState {
  /** Keyed by `liveKeyRef(region, keyId)` with the key ID or alias as declared. */
  keys: Map<string, LiveKeyRead>;
}

/** The lookup key of a declared key in the live state: the same key and region are read once. */
export function liveKeyRef(region: string, keyId: string): string {
  return `${region}\u0000${keyId}`;
}
