/**
 * Key material of asymmetric versions: a real key pair per version, made with node:crypto, so that a
 * public key kmsctl exports verifies what the emulator signs. Every asymmetric spec has material: the
 * RSA sizes, P-256, secp256k1, and SM2, whose curve this Node's OpenSSL (3.x) knows (`getCurves()`
 * lists `SM2`); a Node built without it refuses SM2 versions with `Rejected.UnsupportedOperation`
 * rather than answering with material of another curve.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, getCurves, type KeyObject } from 'node:crypto';
import type { AsymmetricKeySpec } from '../../kms/wire/enums.js';

/** The curve of each EC spec, by its OpenSSL name. */
export const EC_CURVES = { EC_P256: 'prime256v1', EC_P256K: 'secp256k1', EC_SM2: 'SM2' } as const;
export type EcSpec = keyof typeof EC_CURVES;

const RSA_BITS = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 } as const;

export function isEcSpec(spec: AsymmetricKeySpec): spec is EcSpec {
  return Object.hasOwn(EC_CURVES, spec);
}

/** Whether this Node can make material for `spec` (only SM2 depends on how OpenSSL was built). */
export function canMakeMaterial(spec: AsymmetricKeySpec): boolean {
  return !isEcSpec(spec) || getCurves().includes(EC_CURVES[spec]);
}

/**
 * A new private key for a version of `spec`, as PKCS #8 PEM (what the state file keeps). An RSA key
 * takes from milliseconds (2048 bits) to a second or two (4096 bits); the emulator makes one only when
 * a version is first used, never for versions nothing signs with.
 */
export function makeKeyMaterial(spec: AsymmetricKeySpec): string {
  const pair = isEcSpec(spec) ? generateKeyPairSync('ec', { namedCurve: EC_CURVES[spec] }) : generateKeyPairSync('rsa', { modulusLength: RSA_BITS[spec] });
  return pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function privateKeyOf(material: string): KeyObject {
  return createPrivateKey({ key: material, format: 'pem' });
}

/** GetPublicKey's answer: the SubjectPublicKeyInfo in PEM. */
export function publicKeyPem(material: string): string {
  return createPublicKey(privateKeyOf(material)).export({ type: 'spki', format: 'pem' }).toString();
}
