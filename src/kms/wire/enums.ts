/**
 * The service's enumerations, defined once and used by the client, the emulator and the schemas' tests.
 * Values follow ../shared/kms-api.md (API version 2016-01-20).
 */

export const API_VERSION = '2016-01-20';

export const SYMMETRIC_KEY_SPECS = ['Aliyun_AES_256', 'Aliyun_AES_192', 'Aliyun_AES_128', 'Aliyun_SM4'] as const;
export const ASYMMETRIC_KEY_SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P256K', 'EC_SM2'] as const;
export const KEY_SPECS = [...SYMMETRIC_KEY_SPECS, ...ASYMMETRIC_KEY_SPECS] as const;
export type SymmetricKeySpec = (typeof SYMMETRIC_KEY_SPECS)[number];
export type AsymmetricKeySpec = (typeof ASYMMETRIC_KEY_SPECS)[number];
export type KeySpec = (typeof KEY_SPECS)[number];

/** `Unavailable` is named by the KMS-instance edition's error table (`Rejected.Unavailable`). */
export const KEY_STATES = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'Unavailable'] as const;
export type KeyState = (typeof KEY_STATES)[number];

/** DescribeKey's `AutomaticRotation`: `Suspended` while a symmetric key's automatic rotation is paused. */
export const AUTOMATIC_ROTATION_STATES = ['Enabled', 'Disabled', 'Suspended'] as const;
export type AutomaticRotationState = (typeof AUTOMATIC_ROTATION_STATES)[number];

/** DescribeKey's `DeletionProtection`, which comes with `DeletionProtectionDescription`. */
export const DELETION_PROTECTION_STATES = ['Enabled', 'Disabled'] as const;
export type DeletionProtectionState = (typeof DELETION_PROTECTION_STATES)[number];

/**
 * The kind of a KMS instance (KMS 3.0): software or hardware (HSM-backed). GetKmsInstance tells it; a key
 * shows only its ProtectionLevel, which hints at it (SOFTWARE or HSM).
 */
export const KMS_INSTANCE_KINDS = ['software', 'hardware'] as const;
export type KmsInstanceKind = (typeof KMS_INSTANCE_KINDS)[number];

export const KEY_USAGES = ['ENCRYPT/DECRYPT', 'SIGN/VERIFY'] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

export const KEY_ORIGINS = ['Aliyun_KMS', 'EXTERNAL'] as const;
export type KeyOrigin = (typeof KEY_ORIGINS)[number];

export const PROTECTION_LEVELS = ['SOFTWARE', 'HSM'] as const;
export type ProtectionLevel = (typeof PROTECTION_LEVELS)[number];

/** The classic edition's limits on CreateKeyVersion (see src/service-rules/). The initial version counts among the 50. */
export const MIN_ROTATION_INTERVAL_SECONDS = 7 * 24 * 3600;
export const MAX_KEY_VERSIONS = 50;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;

/**
 * AsymmetricSign's and AsymmetricVerify's algorithms by key spec, the service's default first (the
 * AsymmetricSign and AsymmetricVerify pages of API 2016-01-20; the KMS instance API's Sign page names the
 * defaults and adds RSA_4096 to the RSA specs). Each signs a 32-byte digest: SHA-256, or for SM2DSA the
 * SM3 digest of Z(A) and the message (GB/T 32918.2).
 */
export const SIGNING_ALGORITHMS = {
  RSA_2048: ['RSA_PSS_SHA_256', 'RSA_PKCS1_SHA_256'],
  RSA_3072: ['RSA_PSS_SHA_256', 'RSA_PKCS1_SHA_256'],
  RSA_4096: ['RSA_PSS_SHA_256', 'RSA_PKCS1_SHA_256'],
  EC_P256: ['ECDSA_SHA_256'],
  EC_P256K: ['ECDSA_SHA_256'],
  EC_SM2: ['SM2DSA'],
} as const satisfies Record<AsymmetricKeySpec, readonly string[]>;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[AsymmetricKeySpec][number];

/** The length of the digest every signing algorithm takes, in bytes. */
export const SIGNING_DIGEST_BYTES = 32;

/** The algorithms a key of `spec` signs with, the default first; none for a symmetric spec. */
export function signingAlgorithmsFor(spec: string): readonly SigningAlgorithm[] {
  return isAsymmetricKeySpec(spec) ? SIGNING_ALGORITHMS[spec] : [];
}

export function isAsymmetricKeySpec(spec: string): spec is AsymmetricKeySpec {
  return (ASYMMETRIC_KEY_SPECS as readonly string[]).includes(spec);
}

export function isKeySpec(spec: string): spec is KeySpec {
  return (KEY_SPECS as readonly string[]).includes(spec);
}

export function isSymmetricKeySpec(spec: string): spec is SymmetricKeySpec {
  return (SYMMETRIC_KEY_SPECS as readonly string[]).includes(spec);
}

export function isKeyState(state: string): state is KeyState {
  return (KEY_STATES as readonly string[]).includes(state);
}
