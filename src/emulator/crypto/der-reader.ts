/**
 * The little DER (ASN.1) reading the EC signatures need: an ECDSA or SM2 signature is
 * `SEQUENCE { INTEGER r, INTEGER s }` (RFC 3279 2.2.3), and an EC private key's scalar sits in the SEC 1
 * `ECPrivateKey` inside its PKCS #8 form. Malformed input reads as undefined: a caller's bad signature is an answer, not a fault.
 */
import { sequence, unsignedInteger } from '../tls/der.js';

interface Tlv {
  tag: number;
  content: Buffer;
  /** Where the next element starts. */
  end: number;
}

/** One element at `offset`, with the definite lengths DER allows (short form, or long form up to 4 bytes). */
function readTlv(bytes: Buffer, offset: number): Tlv | undefined {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined) return undefined;
  let length = first;
  let start = offset + 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || start + count > bytes.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] ?? 0);
    start += count;
  }
  if (start + length > bytes.length) return undefined;
  return { tag, content: bytes.subarray(start, start + length), end: start + length };
}

/** A positive INTEGER's value; undefined for a negative or non-minimal one, which DER forbids. */
function positiveInteger(element: Tlv | undefined): bigint | undefined {
  if (element?.tag !== 0x02 || element.content.length === 0) return undefined;
  const [lead = 0, next = 0] = element.content;
  if (lead >= 0x80) return undefined;
  if (lead === 0 && (element.content.length === 1 || next < 0x80)) return undefined;
  return BigInt(`0x${element.content.toString('hex')}`);
}

/** `SEQUENCE { INTEGER r, INTEGER s }` with nothing before, between or after; undefined otherwise. */
export function readSignatureDer(bytes: Buffer): { r: bigint; s: bigint } | undefined {
  const outer = readTlv(bytes, 0);
  if (outer?.tag !== 0x30 || outer.end !== bytes.length) return undefined;
  const first = readTlv(outer.content, 0);
  const second = first === undefined ? undefined : readTlv(outer.content, first.end);
  if (second === undefined || second.end !== outer.content.length) return undefined;
  const r = positiveInteger(first);
  const s = positiveInteger(second);
  return r === undefined || s === undefined ? undefined : { r, s };
}

/** The DER form of a signature, as the service answers ECDSA and SM2DSA signatures. */
export function signatureDer(r: bigint, s: bigint): Buffer {
  return sequence(unsignedInteger(bigintBytes(r)), unsignedInteger(bigintBytes(s)));
}

/**
 * The private scalar of an EC key in PKCS #8: `PrivateKeyInfo { INTEGER 0, AlgorithmIdentifier, OCTET
 * STRING { ECPrivateKey { INTEGER 1, OCTET STRING d, ... } } }` (RFC 5208, SEC 1 C.4). Read from PKCS #8
 * because Node 20 aborts the process when asked to export an SM2 key as SEC 1.
 */
export function readPkcs8EcScalar(bytes: Buffer): bigint | undefined {
  const info = readTlv(bytes, 0);
  if (info?.tag !== 0x30) return undefined;
  const version = readTlv(info.content, 0);
  const algorithm = version === undefined ? undefined : readTlv(info.content, version.end);
  const wrapped = algorithm === undefined ? undefined : readTlv(info.content, algorithm.end);
  if (wrapped?.tag !== 0x04) return undefined;
  const ecKey = readTlv(wrapped.content, 0);
  if (ecKey?.tag !== 0x30) return undefined;
  const ecVersion = readTlv(ecKey.content, 0);
  const scalar = ecVersion === undefined ? undefined : readTlv(ecKey.content, ecVersion.end);
  if (scalar?.tag !== 0x04 || scalar.content.length === 0) return undefined;
  return BigInt(`0x${scalar.content.toString('hex')}`);
}

/** Big-endian bytes of a non-negative integer, `size` long when given (left-padded with zeros). */
export function bigintBytes(value: bigint, size?: number): Buffer {
  const hex = value.toString(16);
  const even = hex.length % 2 === 0 ? hex : `0${hex}`;
  const bytes = Buffer.from(even, 'hex');
  if (size === undefined || bytes.length >= size) return bytes;
  return Buffer.concat([Buffer.alloc(size - bytes.length), bytes]);
}
