/**
 * What a signed request claims, whichever signature version carried it: the common ground the
 * authenticator checks (timestamp, access key, token, nonce) before the version-specific signature.
 */
import { timingSafeEqual } from 'node:crypto';

export interface SignatureClaim {
  version: 'v1' | 'v3';
  accessKeyId: string;
  /** The timestamp as sent (`Timestamp` or `x-acs-date`), and which parameter carried it. */
  timestamp: string;
  timestampName: string;
  nonce: string;
  securityToken: string | undefined;
  /** The action and API version the request names (parameter or header). */
  action: string | undefined;
  apiVersion: string | undefined;
  /** Recomputes the signature with a secret: the server's string to sign and whether it matches. */
  verify(accessKeySecret: string): { matches: boolean; stringToSign: string };
}

/** Constant-time comparison of two signatures, so a mismatch leaks no prefix length. */
export function signaturesEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** `yyyy-MM-ddTHH:mm:ssZ` (optionally with milliseconds), UTC only, as Alibaba Cloud signs requests. */
export function parseSignedTimestamp(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
