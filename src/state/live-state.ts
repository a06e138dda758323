/**
 * Live state of the declared keys, as read from the KMS API. Built by `read-live-state.ts`, consumed
 * by the pure planner and by `show`. Keys are addressed by (account, region, key ID or alias as declared).
 */
import type { KeyMetadata, KeyVersion } from '../kms/types.js';
import type { KmsInstanceKind } from '../kms/wire/enums.js';
import type { KeyLocation } from './key-api.js';

/** What planning and `show` read of DescribeKey: a fleet's live state keeps only these fields. */
export type LiveKeyMetadata = Pick<
  KeyMetadata,
  'keyId' | 'arn' | 'keySpec' | 'keyState' | 'origin' | 'protectionLevel' | 'dkmsInstanceId' | 'creationDate' | 'lastRotationDate' | 'primaryKeyVersion'
>;

/** What GetKmsInstance said of the instance a key lives in (read once per instance, account and region). */
export type InstanceRead =
  /** `kind` is undefined when the answer's ProductType/ProductVersion name no kind kmsctl knows. */
  | { status: 'read'; instanceId: string; kind: KmsInstanceKind | undefined }
  /** The read failed (access to GetKmsInstance denied, ...): the key's ProtectionLevel tells the kind instead. */
  | { status: 'failed'; instanceId: string; code: string; message: string; requestId: string | undefined };

/**
 * What the planner reads of a key. `versions` is undefined when they were not listed: the planner lists
 * a key's versions only where the plan needs them (see `listingNeeded` in src/plan/read-needs.ts).
 */
export interface LiveKeyFacts {
  metadata: LiveKeyMetadata;
  /** Every version of the key, oldest first (sorted by CreationDate, then ID); undefined when not listed. */
  versions: KeyVersion[] | undefined;
  /** Set for a key in a KMS instance when its instance was read (only for keys that want a version, or for `show`). */
  instance?: InstanceRead | undefined;
}

/** A key read in full: its versions listed (`show`, `import`, apply's checks). */
export interface LiveKey extends LiveKeyFacts {
  versions: KeyVersion[];
}

export type LiveKeyRead<K extends LiveKeyFacts = LiveKey> =
  | { status: 'found'; key: K }
  /** The service said the key or alias does not exist (`Forbidden.KeyNotFound`, `Forbidden.AliasNotFound`). */
  | { status: 'not-found'; code: string; message: string; requestId: string }
  /** The read failed for another reason (access denied, network, server error, credentials of the account). */
  | { status: 'failed'; code: string; message: string; requestId: string | undefined };

/**
 * A failure every key of one (account, region) would meet (credentials refused, a role that cannot be
 * assumed, no route to the endpoint): that location's keys failed with it, and no other location's.
 */
export interface LocationFailure {
  location: KeyLocation;
  code: string;
  message: string;
  requestId: string | undefined;
  /** The error as raised, for callers that end the run on it. */
  error: unknown;
}

export interface LiveState<K extends LiveKeyFacts = LiveKey> {
  /** Keyed by `liveKeyRef(region, keyId, account)` with the key ID or alias as declared. */
  keys: Map<string, LiveKeyRead<K>>;
  /** One entry per location that failed as a whole, in the order met; empty when none did. */
  failures?: LocationFailure[] | undefined;
}

/** The lookup key of a declared key in the live state: the same key in the same account and region is read once. */
export function liveKeyRef(region: string, keyId: string, account?: string | undefined): string {
  return `${account ?? ''}\u0000${region}\u0000${keyId}`;
}

/** `liveKeyRef` of anything that names its account, region and key (a declared key, a key plan). */
export function liveKeyRefOf(key: { account: string | undefined; region: string; keyId: string }): string {
  return liveKeyRef(key.region, key.keyId, key.account);
}
