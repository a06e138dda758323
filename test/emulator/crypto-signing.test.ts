/**
 * The emulator's digest signing checked against OpenSSL's own signing of the message (node:crypto):
 * each side verifies the other's signatures, so the digest encodings (PKCS #1, PSS, DER) and the curve
 * orders are the standard ones. SM2: OpenSSL 3 computes Z(A) with an empty user ID unless told one, so
 * the digest given to the emulator here is SM3(Z_empty || M); the service takes any Z the caller chose.
 */
import { constants, createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { readPkcs8EcScalar, readSignatureDer, signatureDer } from '../../src/emulator/crypto/der-reader.js';
import { makeKeyMaterial, publicKeyPem } from '../../src/emulator/crypto/key-material.js';
import { signDigest, verifyDigest } from '../../src/emulator/crypto/sign-digest.js';
import type { AsymmetricKeySpec, SigningAlgorithm } from '../../src/kms/wire/enums.js';

const MESSAGE = Buffer.from('a payment instruction');

/** The SM2 curve's a, b and base point (GB/T 32918.5), for Z(A). */
const SM2_CURVE = Buffer.from(
  'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC' +
    '28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93' +
    '32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7' +
    'BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0',
  'hex',
);

interface Case {
  spec: AsymmetricKeySpec;
  algorithm: SigningAlgorithm;
  /** The digest the emulator is given for MESSAGE. */
  digest(publicKey: KeyObject): Buffer;
  /** OpenSSL's verification of MESSAGE and its own signing of it. */
  openssl: { hash: string; options: object };
}

const sha256 = (): Buffer => createHash('sha256').update(MESSAGE).digest();
const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };

const CASES: Case[] = [
  { spec: 'RSA_2048', algorithm: 'RSA_PSS_SHA_256', digest: sha256, openssl: { hash: 'sha256', options: pss } },
  { spec: 'RSA_3072', algorithm: 'RSA_PKCS1_SHA_256', digest: sha256, openssl: { hash: 'sha256', options: {} } },
  { spec: 'EC_P256', algorithm: 'ECDSA_SHA_256', digest: sha256, openssl: { hash: 'sha256', options: {} } },
  { spec: 'EC_P256K', algorithm: 'ECDSA_SHA_256', digest: sha256, openssl: { hash: 'sha256', options: {} } },
  {
    spec: 'EC_SM2',
    algorithm: 'SM2DSA',
    digest: (publicKey) => {
      const point = publicKey.export({ type: 'spki', format: 'der' }).subarray(-64);
      const z = createHash('sm3').update(Buffer.concat([Buffer.from([0, 0]), SM2_CURVE, point])).digest();
      return createHash('sm3').update(Buffer.concat([z, MESSAGE])).digest();
    },
    openssl: { hash: 'sm3', options: {} },
  },
];

describe('signing a digest', () => {
  test.each(CASES)('$spec $algorithm: OpenSSL verifies the emulator, the emulator verifies OpenSSL, a changed digest fails', ({ spec, algorithm, digest, openssl }) => {
    const material = makeKeyMaterial(spec);
    const publicKey = createPublicKey(publicKeyPem(material));
    const privateKey = createPrivateKey(material);
    const e = digest(publicKey);
    const ours = signDigest(spec, algorithm, material, e);
    expect(verify(openssl.hash, MESSAGE, { key: publicKey, ...openssl.options }, ours)).toBe(true);
    const theirs = sign(openssl.hash, MESSAGE, { key: privateKey, ...openssl.options });
    expect(verifyDigest(spec, algorithm, material, e, theirs)).toBe(true);
    const changed = Buffer.from(e);
    changed[0] = (changed[0] ?? 0) ^ 1;
    expect(verifyDigest(spec, algorithm, material, changed, ours)).toBe(false);
  });

  test('a PSS signature with another salt length verifies, as OpenSSL verifies by default', () => {
    const material = makeKeyMaterial('RSA_2048');
    const theirs = sign('sha256', MESSAGE, { key: createPrivateKey(material), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 });
    expect(verifyDigest('RSA_2048', 'RSA_PSS_SHA_256', material, sha256(), theirs)).toBe(true);
  });

  test('a PKCS #1 signature does not verify as PSS, nor one of another version', () => {
    const material = makeKeyMaterial('RSA_2048');
    const pkcs1 = signDigest('RSA_2048', 'RSA_PKCS1_SHA_256', material, sha256());
    expect(verifyDigest('RSA_2048', 'RSA_PSS_SHA_256', material, sha256(), pkcs1)).toBe(false);
    expect(verifyDigest('RSA_2048', 'RSA_PKCS1_SHA_256', makeKeyMaterial('RSA_2048'), sha256(), pkcs1)).toBe(false);
  });

  test.each([
    ['empty', Buffer.alloc(0)],
    ['not DER', Buffer.from('not a signature')],
    ['trailing bytes', Buffer.concat([signatureDer(5n, 7n), Buffer.from([0])])],
    ['r = 0', signatureDer(0n, 7n)],
    ['s at the curve order', signatureDer(1n, 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n)],
  ])('a malformed EC signature (%s) verifies as false', (_what, signature) => {
    expect(verifyDigest('EC_P256', 'ECDSA_SHA_256', makeKeyMaterial('EC_P256'), sha256(), signature)).toBe(false);
  });

  test('an RSA signature of the wrong length or above the modulus verifies as false', () => {
    const material = makeKeyMaterial('RSA_2048');
    expect(verifyDigest('RSA_2048', 'RSA_PSS_SHA_256', material, sha256(), Buffer.alloc(255, 1))).toBe(false);
    expect(verifyDigest('RSA_2048', 'RSA_PSS_SHA_256', material, sha256(), Buffer.alloc(256, 0xff))).toBe(false);
  });
});

describe('reading DER', () => {
  test('a signature reads back as written, and non-minimal integers are refused', () => {
    expect(readSignatureDer(signatureDer(0x80n, 1n))).toEqual({ r: 0x80n, s: 1n });
    expect(readSignatureDer(Buffer.from('3007020200010201 01'.replace(/ /g, ''), 'hex'))).toBeUndefined();
  });

  test('the private scalar of every EC spec reads from PKCS #8, SM2 included', () => {
    for (const spec of ['EC_P256', 'EC_P256K', 'EC_SM2'] as const) {
      const der = createPrivateKey(makeKeyMaterial(spec)).export({ type: 'pkcs8', format: 'der' });
      expect(readPkcs8EcScalar(der), spec).toBeGreaterThan(0n);
    }
  });
});
