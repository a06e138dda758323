/**
 * ECDSA (P-256, secp256k1) and SM2DSA over a digest the caller computed, as AsymmetricSign takes it.
 * Node signs only messages it hashes itself, so the emulator does the scalar arithmetic of both schemes
 * (mod the curve order) and leaves every point multiplication to OpenSSL through ECDH keys: `k·G` from a
 * fresh ECDH key pair, `u·G` from an ECDH key whose private value is `u`. Verification uses the version's
 * private scalar `d`, which the emulator holds: `u1·G + u2·Q = (u1 + u2·d)·G`, one multiplication.
 * Signatures are DER `SEQUENCE { r, s }`, as the service answers them.
 */
import { createECDH, createPrivateKey } from 'node:crypto';
import { bigintBytes, readPkcs8EcScalar, readSignatureDer, signatureDer } from './der-reader.js';
import { EC_CURVES, type EcSpec } from './key-material.js';

/** The order n of each curve's base point (SEC 2 for P-256 and secp256k1; GB/T 32918.5 for SM2). */
const ORDERS: Readonly<Record<EcSpec, bigint>> = {
  EC_P256: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  EC_P256K: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
  EC_SM2: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
};

/** Every curve here has 256-bit scalars and coordinates. */
const SCALAR_BYTES = 32;

/** Signs `digest` (32 bytes) with the version's key: ECDSA, or SM2DSA for an EC_SM2 key. */
export function signEcDigest(spec: EcSpec, material: string, digest: Buffer): Buffer {
  const n = ORDERS[spec];
  const d = privateScalar(material);
  const e = toInteger(digest);
  for (;;) {
    // A fresh ECDH key pair is a random k in [1, n-1] with its point k·G.
    const ephemeral = createECDH(EC_CURVES[spec]);
    ephemeral.generateKeys();
    const k = toInteger(ephemeral.getPrivateKey());
    const x1 = xOf(ephemeral.getPublicKey());
    const signature = spec === 'EC_SM2' ? sm2Sign(n, d, e, k, x1) : ecdsaSign(n, d, e, k, x1);
    if (signature !== undefined) return signatureDer(signature.r, signature.s);
  }
}

/** Whether `signature` (DER) is the version's signature of `digest`; false for anything malformed. */
export function verifyEcDigest(spec: EcSpec, material: string, digest: Buffer, signature: Buffer): boolean {
  const n = ORDERS[spec];
  const parsed = readSignatureDer(signature);
  if (parsed === undefined) return false;
  const { r, s } = parsed;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const d = privateScalar(material);
  const e = toInteger(digest);
  if (spec === 'EC_SM2') {
    // GB/T 32918.2 verification: t = r + s, (x1, y1) = s·G + t·Q, valid when r = e + x1 (mod n).
    const t = mod(r + s, n);
    if (t === 0n) return false;
    const x1 = baseMultipleX(spec, mod(s + t * d, n));
    return x1 !== undefined && mod(e + x1, n) === r;
  }
  // ECDSA verification: w = s⁻¹, R = (e·w)·G + (r·w)·Q, valid when R.x = r (mod n).
  const w = inverse(s, n);
  const x = baseMultipleX(spec, mod((e + r * d) * w, n));
  return x !== undefined && mod(x, n) === r;
}

function ecdsaSign(n: bigint, d: bigint, e: bigint, k: bigint, x1: bigint): { r: bigint; s: bigint } | undefined {
  const r = mod(x1, n);
  const s = mod(inverse(k, n) * (e + r * d), n);
  return r === 0n || s === 0n ? undefined : { r, s };
}

/** GB/T 32918.2 signing: r = e + x1, s = (1 + d)⁻¹ · (k − r·d); a new k when r = 0, r + k = n or s = 0. */
function sm2Sign(n: bigint, d: bigint, e: bigint, k: bigint, x1: bigint): { r: bigint; s: bigint } | undefined {
  const r = mod(e + x1, n);
  if (r === 0n || r + k === n) return undefined;
  const s = mod(inverse(1n + d, n) * (k - r * d), n);
  return s === 0n ? undefined : { r, s };
}

/** The x coordinate of `u·G`, computed by OpenSSL; undefined for u = 0 (the point at infinity). */
function baseMultipleX(spec: EcSpec, u: bigint): bigint | undefined {
  if (u === 0n) return undefined;
  const ecdh = createECDH(EC_CURVES[spec]);
  ecdh.setPrivateKey(bigintBytes(u, SCALAR_BYTES));
  return xOf(ecdh.getPublicKey());
}

/** The x coordinate of an uncompressed point `04 || x || y`. */
function xOf(point: Buffer): bigint {
  return toInteger(point.subarray(1, 1 + SCALAR_BYTES));
}

function privateScalar(material: string): bigint {
  const pkcs8 = createPrivateKey({ key: material, format: 'pem' }).export({ type: 'pkcs8', format: 'der' });
  const d = readPkcs8EcScalar(pkcs8);
  if (d === undefined) throw new Error('the stored EC key material has no private scalar');
  return d;
}

/** A 32-byte digest as an integer: with 256-bit orders, no bits need dropping (SEC 1 4.1.3 step 5). */
function toInteger(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}

function mod(value: bigint, n: bigint): bigint {
  const r = value % n;
  return r < 0n ? r + n : r;
}

/** a⁻¹ mod n for a prime n (Fermat: a^(n−2)). */
function inverse(a: bigint, n: bigint): bigint {
  let result = 1n;
  let base = mod(a, n);
  for (let exponent = n - 2n; exponent > 0n; exponent >>= 1n) {
    if (exponent & 1n) result = (result * base) % n;
    base = (base * base) % n;
  }
  return result;
}
