/**
 * One entry for AsymmetricSign and AsymmetricVerify: the scheme each (spec, algorithm) pair of
 * `SIGNING_ALGORITHMS` means. The pair is checked by the caller (crypto-actions.ts) before it gets here.
 */
import type { AsymmetricKeySpec, SigningAlgorithm } from '../../kms/wire/enums.js';
import { signEcDigest, verifyEcDigest } from './ec-digest-signing.js';
import { isEcSpec } from './key-material.js';
import { signRsaDigest, verifyRsaDigest, type RsaPadding } from './rsa-digest-signing.js';

/** The signature of a 32-byte digest: PKCS #1 / PSS bytes for RSA, DER `SEQUENCE { r, s }` for EC. */
export function signDigest(spec: AsymmetricKeySpec, algorithm: SigningAlgorithm, material: string, digest: Buffer): Buffer {
  if (isEcSpec(spec)) return signEcDigest(spec, material, digest);
  return signRsaDigest(rsaPadding(algorithm), material, digest);
}

export function verifyDigest(spec: AsymmetricKeySpec, algorithm: SigningAlgorithm, material: string, digest: Buffer, signature: Buffer): boolean {
  if (isEcSpec(spec)) return verifyEcDigest(spec, material, digest, signature);
  return verifyRsaDigest(rsaPadding(algorithm), material, digest, signature);
}

function rsaPadding(algorithm: SigningAlgorithm): RsaPadding {
  return algorithm === 'RSA_PKCS1_SHA_256' ? 'pkcs1' : 'pss';
}
