/**
 * Identifiers shaped like the service's: key IDs `key-<region tag><random>` (as KMS-instance keys have,
 * e.g. `key-hzz62f1cb66fa42qo****`), instance IDs `kst-<region tag><random>`; version IDs UUIDs for
 * keys of the classic shared KMS and `<keyId>-<suffix>` for keys in a KMS instance (the KMS-instance
 * CreateKeyVersion page's example is `key-hzz62f1cb66fa42qo****-20v29b****`).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The service's region tags in key IDs, for the regions where they are known; others use their first letters. */
const REGION_TAGS: Readonly<Record<string, string>> = {
  'cn-hangzhou': 'hzz',
  'cn-shanghai': 'shh',
  'cn-beijing': 'bjj',
  'cn-shenzhen': 'szz',
  'cn-qingdao': 'qdd',
  'cn-zhangjiakou': 'zjk',
};

export function regionTag(region: string): string {
  const city = region.replace(/^[a-z]+-/, '').replace(/[^a-z0-9]/g, '');
  return REGION_TAGS[region] ?? city.slice(0, 3).padEnd(3, 'x');
}

/** A new key ID such as `key-hzz6t1zf4r8n0q2c5x7v9b`: a short region tag, then 20 random characters. */
export function newKeyId(region: string): string {
  return `key-${regionTag(region)}${alphanumeric(randomBytes(20))}`;
}

/** A new version ID of the form the key's placement gives: a UUID, or `<keyId>-<10 characters>` in a KMS instance. */
export function newVersionId(key: { keyId: string; dkmsInstanceId: string }): string {
  return key.dkmsInstanceId === '' ? randomUUID() : `${key.keyId}-${alphanumeric(randomBytes(10))}`;
}

/**
 * The version ID a seed gets when it gives none, derived from a name so that every run yields the same:
 * a name-based UUID, or `<keyId>-<10 characters>` for a key in a KMS instance.
 */
export function derivedVersionId(key: { keyId: string; dkmsInstanceId: string }, name: string): string {
  return key.dkmsInstanceId === '' ? nameBasedUuid(name) : `${key.keyId}-${alphanumeric(digest(name)).slice(0, 10)}`;
}

/** The ID of an account's default instance of a kind in a region: the same on every run, different per account. */
export function defaultInstanceId(account: string, region: string, kind: string): string {
  return `kst-${regionTag(region)}${alphanumeric(digest(`${account}/${region}/${kind}`)).slice(0, 17)}`;
}

/**
 * A UUID derived from a name (SHA-1, version-5 layout): a seed that gives no version ID still yields
 * the same ID on every run.
 */
export function nameBasedUuid(name: string): string {
  const hash = createHash('sha1').update(`kmsctl-emulator:${name}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function digest(name: string): Buffer {
  return createHash('sha256').update(`kmsctl-emulator:${name}`).digest();
}

function alphanumeric(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}
