import { createHmac } from 'node:crypto';
import { canonicalQuery, percentEncode } from './percent-encode.js';

/** RPC signature version 1 (HMAC-SHA1), used by every RPC client of KMS. */
export const SIGNATURE_METHOD_V1 = 'HMAC-SHA1';
export const SIGNATURE_VERSION_V1 = '1.0';

const ENCODED_SLASH = percentEncode('/');

/** `METHOD&%2F&enc(canonicalQuery)`: the text both sides sign. */
export function stringToSignV1(method: string, params: Readonly<Record<string, string>>): string {
  return stringToSignOfCanonicalV1(method, canonicalQuery(params));
}

/** The same text from a canonical query already built (the client builds it with the form body, encoding each pair once). */
export function stringToSignOfCanonicalV1(method: string, canonical: string): string {
  return `${method.toUpperCase()}&${ENCODED_SLASH}&${percentEncode(canonical)}`;
}

/** base64(HMAC-SHA1(secret + "&", stringToSign)). */
export function signV1(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}
