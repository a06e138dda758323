/**
 * `kmsctl public-keys`'s model: for each declared key, in config order, the public keys of its versions
 * newest first, or why there are none (a key that signs nothing is skipped; a key that could not be read
 * is in error). The JWKS, the PEM files and the JSON document are all rendered from this one model.
 */

/** A version's public key as GetPublicKey gave it. */
export interface ExportedVersion {
  versionId: string;
  /** `yyyy-MM-ddTHH:mm:ssZ`. */
  creationDate: string;
  /** SubjectPublicKeyInfo, PEM. */
  publicKeyPem: string;
}

/** Why a declared key has no public keys to export, though it was read. */
export type SkipReason =
  /** A symmetric key has no public key. */
  | 'symmetric'
  /** An asymmetric key for ENCRYPT/DECRYPT: no signature is verified with it. */
  | 'not-signing'
  /** The service serves no public key of a key that is not Enabled. */
  | 'not-enabled';

export type KeyOutcome =
  | {
      status: 'exported';
      /** Newest first; only the newest N with `--only-newest N`. */
      versions: ExportedVersion[];
      /** How many versions the key has in all. */
      versionCount: number;
    }
  | { status: 'skipped'; reason: SkipReason; detail: string }
  | { status: 'error'; code: string; message: string; requestId: string | undefined };

export interface KeyPublicKeys {
  /** The logical name from the config. */
  name: string;
  account: string | undefined;
  region: string;
  /** As declared: an ID, alias or ARN. */
  keyId: string;
  /** The key ID the service resolved it to; undefined when the key was not read. */
  resolvedKeyId: string | undefined;
  keySpec: string | undefined;
  outcome: KeyOutcome;
}

export interface PublicKeySet {
  /** When the keys were read (ISO, UTC, the service's clock). */
  readAt: string;
  keys: KeyPublicKeys[];
}

/** A key (by its logical name) that a format could not take, though it was read: reported, and the exit code says so. */
export interface ExportProblem {
  name: string;
  code: string;
  message: string;
}
