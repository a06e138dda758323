/**
 * Scrubs credentials out of text the service sends back. A `SignatureDoesNotMatch` message quotes the
 * server's string to sign, which holds the `SecurityToken` of STS credentials; nothing kmsctl prints
 * may contain the token or the secret, in any encoding.
 */
import { displayText } from '../diagnostics/display-text.js';
import { maskAccessKeyId } from './credentials.js';
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

/** Which credentials a relayed text must not show: secrets are removed, access key IDs masked. */
export interface RelayedTextContext {
  secrets: readonly (string | undefined)[];
  accessKeyIds?: readonly (string | undefined)[] | undefined;
}

/** Longest service text kmsctl relays; a longer one is cut (a string to sign can be kilobytes). */
export const MAX_RELAYED_LENGTH = 2_000;

/**
 * Text the service (or STS, or a credential library) sent, made fit to print: no secret or token in any
 * encoding, every access key ID masked (the known ones in any encoding, and whatever follows
 * `AccessKeyId=`, `Credential=` or "access key is not found:"), control and bidi characters shown as
 * escapes (`\u001b`) so a message cannot rewrite the terminal, and at most MAX_RELAYED_LENGTH characters.
 * Every message kmsctl builds from a service's answer goes through here.
 */
export function sanitizeRelayedText(text: string, ctx: RelayedTextContext): string {
  let out = redactSecrets(text, ctx.secrets);
  for (const id of ctx.accessKeyIds ?? []) {
    if (id === undefined || id.length < 4) continue;
    const masked = maskAccessKeyId(id);
    const once = percentEncode(id);
    for (const form of new Set([id, once, percentEncode(once)])) out = out.split(form).join(masked);
  }
  out = out.replace(ACCESS_KEY_ID_AFTER_NAME, (_match, name: string, id: string) => `${name}${maskAccessKeyId(id)}`);
  out = escapeControlCharacters(out);
  return out.length > MAX_RELAYED_LENGTH ? `${out.slice(0, MAX_RELAYED_LENGTH)}…` : out;
}

/** `AccessKeyId=ID` (plain, encoded once or twice), `Credential=ID`, `access key is not found: ID`. */
const ACCESS_KEY_ID_AFTER_NAME = /(AccessKeyId(?:=|%3D|%253D)|Credential=|access\s*key(?:\s*id)?\s+(?:is\s+)?not\s+found:?\s*)([^&\s"'<>,%;]+)/gi;

/**
 * Control and bidi characters as visible escapes (`\u001b`, `\n`): the one definition of what a terminal
 * must not receive raw is src/diagnostics/display-text.ts, used for config echoes and the emulator alike.
 */
export function escapeControlCharacters(text: string): string {
  return displayText(text);
}
