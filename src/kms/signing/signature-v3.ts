import { createHash, createHmac } from 'node:crypto';
import { compareCodePoints, percentEncode } from './percent-encode.js';

/** ACS3-HMAC-SHA256, the header-based signature the newest official SDKs send by default. */
export const SIGNATURE_ALGORITHM_V3 = 'ACS3-HMAC-SHA256';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface CanonicalRequestInput {
  method: string;
  /** The path, `/` for RPC actions. */
  uri: string;
  /** Query parameters as sent (decoded values). */
  query: Readonly<Record<string, string>>;
  /** Request headers; names in any case. */
  headers: Readonly<Record<string, string>>;
  /** The lower-case names of the signed headers, as listed in `SignedHeaders`. */
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the body (`x-acs-content-sha256`). */
  payloadHash: string;
}

/** Lower-cased names of the headers a V3 signature must cover: host, content-type and x-acs-*. */
export function headersToSignV3(headers: Readonly<Record<string, string>>): string[] {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .filter((name) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'))
    .sort(compareCodePoints);
}

export function canonicalRequestV3(input: CanonicalRequestInput): string {
  const lowered = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers)) lowered.set(name.toLowerCase(), value.trim());
  const signed = [...input.signedHeaders].map((h) => h.toLowerCase()).sort(compareCodePoints);
  const canonicalHeaders = signed.map((name) => `${name}:${lowered.get(name) ?? ''}\n`).join('');
  const query = Object.keys(input.query)
    .sort(compareCodePoints)
    .map((name) => `${percentEncode(name)}=${percentEncode(input.query[name] ?? '')}`)
    .join('&');
  return [input.method.toUpperCase(), input.uri, query, canonicalHeaders, signed.join(';'), input.payloadHash].join('\n');
}

export function stringToSignV3(canonicalRequest: string): string {
  return `${SIGNATURE_ALGORITHM_V3}\n${sha256Hex(canonicalRequest)}`;
}

/** hex(HMAC-SHA256(secret, stringToSign)). */
export function signV3(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}

export function authorizationHeaderV3(accessKeyId: string, signedHeaders: readonly string[], signature: string): string {
  return `${SIGNATURE_ALGORITHM_V3} Credential=${accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
}
