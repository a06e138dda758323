/**
 * Decoded, typed views of the service's responses, as the client returns them. Unset string fields
 * (the service's `""`) become `undefined`; dates stay ISO strings in UTC (`2026-11-22T04:41:58Z`).
 */
import type { KeyOrigin, KeySpec, KeyState, KeyUsage, ProtectionLevel } from './wire/enums.js';

export interface KeyMetadata {
  keyId: string;
  arn: string;
  /** A spec this version of kmsctl does not know is kept as the service sent it. */
  keySpec: KeySpec | (string & {});
  keyUsage: KeyUsage | (string & {});
  keyState: KeyState | (string & {});
  origin: KeyOrigin | (string & {});
  protectionLevel: ProtectionLevel | (string & {});
  /** Set when the key lives in a private key store (a KMS instance). */
  dkmsInstanceId: string | undefined;
  creationDate: string;
  /** For a key never rotated, the creation time of its initial version. */
  lastRotationDate: string | undefined;
  primaryKeyVersion: string | undefined;
  automaticRotation: string | undefined;
  rotationInterval: string | undefined;
  nextRotationDate: string | undefined;
  deleteDate: string | undefined;
  materialExpireTime: string | undefined;
  creator: string | undefined;
  description: string | undefined;
  deletionProtection: string | undefined;
}

export interface KeyVersion {
  keyId: string;
  keyVersionId: string;
  creationDate: string;
}

export interface Alias {
  aliasName: string;
  aliasArn: string;
  keyId: string;
}

export interface KeyListEntry {
  keyId: string;
  keyArn: string;
}

/** GetPublicKey: a version's public key. */
export interface PublicKeyInfo {
  keyId: string;
  keyVersionId: string;
  /** PEM, SubjectPublicKeyInfo (`-----BEGIN PUBLIC KEY-----`). */
  publicKeyPem: string;
}

/** AsymmetricSign: the signature of a digest by one version. */
export interface DigestSignature {
  keyId: string;
  keyVersionId: string;
  /** The signature, base64: PKCS #1 or PSS bytes for RSA, DER `SEQUENCE { r, s }` for ECDSA and SM2DSA. */
  signature: string;
}

/** AsymmetricVerify: whether a signature is the version's signature of a digest. */
export interface SignatureCheck {
  keyId: string;
  keyVersionId: string;
  valid: boolean;
}

/** A response's value together with the request ID the service gave it. */
export interface WithRequestId<T> {
  value: T;
  requestId: string;
}

/** GetKmsInstance: what kmsctl reads of a KMS instance. */
export interface KmsInstanceInfo {
  instanceId: string;
  instanceName: string | undefined;
  /** `Connected` once the instance is enabled. */
  status: string | undefined;
  /** The instance's kind as the service names it; see `instanceKindFromProduct` in src/service-rules. */
  productType: string | undefined;
  productVersion: string | undefined;
  /** Keys the instance may hold (each key version uses one unit). */
  keyNum: number | undefined;
}

/** STS temporary credentials as AssumeRole gives them (hold secrets: never log them). */
export interface TemporaryCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  /** `yyyy-MM-ddTHH:mm:ssZ`. */
  expiration: string;
}

/** STS GetCallerIdentity: the account and principal behind a set of credentials. */
export interface CallerIdentity {
  accountId: string;
  arn: string;
  /** `Account`, `RAMUser` or `AssumedRoleUser`. */
  identityType: string | undefined;
  principalId: string | undefined;
  userId: string | undefined;
  roleId: string | undefined;
}
