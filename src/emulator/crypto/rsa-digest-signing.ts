/**
 * RSASSA-PKCS1-v1_5 and RSASSA-PSS (SHA-256, MGF1 with SHA-256) over a digest the caller computed, as
 * AsymmetricSign takes it. Node signs only messages it hashes itself, so the emulator encodes the
 * digest as RFC 8017 says (EMSA-PKCS1-v1_5, 9.2; EMSA-PSS, 9.1) and applies the raw RSA operation
 * (`privateEncrypt` / `publicDecrypt` without padding). PSS signs with a 32-byte salt, the digest's
 * length, which PS256 (RFC 7518 3.5) requires of a verifier; the KMS pages do not name the salt length,
 * so verification accepts any, as OpenSSL's does by default.
 */
import { constants, createHash, createPublicKey, privateEncrypt, publicDecrypt, randomBytes, timingSafeEqual } from 'node:crypto';
import { privateKeyOf } from './key-material.js';

export type RsaPadding = 'pkcs1' | 'pss';

/** DigestInfo's DER prefix for SHA-256 (RFC 8017 9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
const HASH_BYTES = 32;
const PSS_SALT_BYTES = HASH_BYTES;

export function signRsaDigest(padding: RsaPadding, material: string, digest: Buffer): Buffer {
  const key = privateKeyOf(material);
  const modulusBits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  const encoded = padding === 'pkcs1' ? pkcs1Encode(digest, modulusBits) : pssEncode(digest, modulusBits - 1, randomBytes(PSS_SALT_BYTES));
  return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, leftPad(encoded, Math.ceil(modulusBits / 8)));
}

/** Whether `signature` is the version's signature of `digest`; false for anything malformed. */
export function verifyRsaDigest(padding: RsaPadding, material: string, digest: Buffer, signature: Buffer): boolean {
  const publicKey = createPublicKey(privateKeyOf(material));
  const jwk = publicKey.export({ format: 'jwk' });
  const modulus = Buffer.from(jwk.n ?? '', 'base64url');
  const modulusBits = publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  // The raw RSA operation takes exactly the modulus's length and a value below it (RFC 8017 5.2.2).
  if (signature.length !== modulus.length || Buffer.compare(signature, modulus) >= 0) return false;
  const opened = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  if (padding === 'pkcs1') return equal(opened, leftPad(pkcs1Encode(digest, modulusBits), opened.length));
  return pssVerify(digest, opened, modulusBits - 1);
}

/** EMSA-PKCS1-v1_5: `00 01 FF.. 00 DigestInfo`, as long as the modulus. */
function pkcs1Encode(digest: Buffer, modulusBits: number): Buffer {
  const length = Math.ceil(modulusBits / 8);
  const info = Buffer.concat([SHA256_DIGEST_INFO, digest]);
  return Buffer.concat([Buffer.from([0x00, 0x01]), Buffer.alloc(length - info.length - 3, 0xff), Buffer.from([0x00]), info]);
}

/** EMSA-PSS-ENCODE (RFC 8017 9.1.1) of a digest, for an encoded message of `emBits` bits. */
function pssEncode(digest: Buffer, emBits: number, salt: Buffer): Buffer {
  const emLen = Math.ceil(emBits / 8);
  const h = sha256(Buffer.concat([Buffer.alloc(8), digest, salt]));
  const db = Buffer.concat([Buffer.alloc(emLen - salt.length - HASH_BYTES - 2), Buffer.from([0x01]), salt]);
  const maskedDb = xor(db, mgf1(h, db.length));
  maskedDb[0] = (maskedDb[0] ?? 0) & (0xff >> (8 * emLen - emBits));
  return Buffer.concat([maskedDb, h, Buffer.from([0xbc])]);
}

/** EMSA-PSS-VERIFY (RFC 8017 9.1.2), the salt length read from the message. */
function pssVerify(digest: Buffer, opened: Buffer, emBits: number): boolean {
  const emLen = Math.ceil(emBits / 8);
  const em = opened.subarray(opened.length - emLen);
  if (opened.subarray(0, opened.length - emLen).some((byte) => byte !== 0)) return false;
  if (emLen < HASH_BYTES + 2 || em[emLen - 1] !== 0xbc) return false;
  const maskedDb = em.subarray(0, emLen - HASH_BYTES - 1);
  const h = em.subarray(emLen - HASH_BYTES - 1, emLen - 1);
  const topMask = 0xff >> (8 * emLen - emBits);
  if (((maskedDb[0] ?? 0) & ~topMask) !== 0) return false;
  const db = xor(maskedDb, mgf1(h, maskedDb.length));
  db[0] = (db[0] ?? 0) & topMask;
  const separator = db.findIndex((byte) => byte !== 0);
  if (separator < 0 || db[separator] !== 0x01) return false;
  const salt = db.subarray(separator + 1);
  return equal(h, sha256(Buffer.concat([Buffer.alloc(8), digest, salt])));
}

/** MGF1 with SHA-256 (RFC 8017 B.2.1). */
function mgf1(seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * HASH_BYTES < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    blocks.push(sha256(Buffer.concat([seed, c])));
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function xor(a: Buffer, b: Buffer): Buffer {
  return Buffer.from(a.map((byte, i) => byte ^ (b[i] ?? 0)));
}

function leftPad(bytes: Buffer, length: number): Buffer {
  return bytes.length >= length ? bytes : Buffer.concat([Buffer.alloc(length - bytes.length), bytes]);
}

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
