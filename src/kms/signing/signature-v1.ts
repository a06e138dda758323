import { createHmac } from 'node:crypto';
import { canonicalQuery, percentEncode } from './percent-encode.js';

/** RPC signature version 1 (HMAC-SHA1), used by every RPC client of KMS. */
export const SIGNATURE_METHOD_V1 = 'HMAC-SHA1';
export const SIGNATURE_VERSION_V1 = '1.0';

/** `METHOD&%2F&enc(canonicalQuery)`: the text both sides sign. */
export function stringToSignV1(method: string, params: Readonly<Record<string, string>>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

/** base64(HMAC-SHA1(secret + "&", stringToSign)). */
export function signV1(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}
