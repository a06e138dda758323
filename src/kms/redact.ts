/**
 * Scrubs credentials out of text the service sends back. A `SignatureDoesNotMatch` message quotes the
 * server's string to sign, which holds the `SecurityToken` of STS credentials; nothing kmsctl prints
 * may contain the token or the secret, in any encoding.
 */
import { percentEncode } from './signing/percent-encode.js';

export const REDACTED = '<redacted>';

const TOKEN_IN_STRING_TO_SIGN = /(SecurityToken(?:=|%3D|%253D))(?!<redacted>)[^&\s"'<]*?(?=%26|%2526|&|\s|"|'|<|$)/gi;

/**
 * The text with every raw, percent-encoded and doubly encoded copy of the given secrets replaced, and
 * whatever follows `SecurityToken=` (plain or encoded) too, for a token that is not among them.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue;
    const once = percentEncode(secret);
    for (const form of new Set([secret, once, percentEncode(once), encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out.replace(TOKEN_IN_STRING_TO_SIGN, `$1${REDACTED}`);
}
