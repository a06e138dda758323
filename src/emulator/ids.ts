/** Identifiers shaped like the service's: key IDs `key-<region><random>`, version IDs UUIDs. */
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

/** A new key ID such as `key-hzz6t1zf4r8n0q2c5x7v9b`: a short region tag, then 20 random characters. */
export function newKeyId(region: string): string {
  const city = region.replace(/^[a-z]+-/, '').replace(/[^a-z0-9]/g, '');
  const tag = REGION_TAGS[region] ?? city.slice(0, 3).padEnd(3, 'x');
  const bytes = randomBytes(20);
  let random = '';
  for (const byte of bytes) random += ALPHABET[byte % ALPHABET.length];
  return `key-${tag}${random}`;
}

export function newVersionId(): string {
  return randomUUID();
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
