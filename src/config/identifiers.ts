/**
 * The shapes of the names a config holds: logical key names, key IDs, aliases, regions, version IDs,
 * labels. The schema carries the same patterns for editors (a test keeps them equal); the checks here
 * give the specific reason a value is wrong.
 */
import { CONFIG_CODES } from './codes.js';

export const KEY_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$';
export const KEY_ID_PATTERN = '^(?:alias/(?!acs)[A-Za-z0-9_/-]{1,249}|[A-Za-z0-9][A-Za-z0-9_-]{0,127})$';
export const REGION_PATTERN = '^[a-z]{2,}(?:-[a-z0-9]+)+$';
export const VERSION_ID_PATTERN = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';
export const LABEL_PATTERN = '^[^\\u0000-\\u001f\\u007f]{1,128}$';

export const ALIAS_PREFIX = 'alias/';
export const MAX_ALIAS_LENGTH = 255;

export type ShapeProblem = { code: string; reason: string } | undefined;

/** Why a key ID or alias is malformed, or undefined when it is fine. Alias rules: ../../shared/kms-api.md. */
export function keyIdProblem(keyId: string): ShapeProblem {
  if (keyId.startsWith(ALIAS_PREFIX)) {
    const code = CONFIG_CODES.badAlias;
    const name = keyId.slice(ALIAS_PREFIX.length);
    if (name === '') return { code, reason: 'an alias needs a name after "alias/"' };
    if (keyId.length > MAX_ALIAS_LENGTH) return { code, reason: `an alias is at most ${MAX_ALIAS_LENGTH} characters long, this one has ${keyId.length}` };
    if (name.startsWith('acs')) return { code, reason: 'aliases starting with "alias/acs" are reserved for Alibaba Cloud services' };
    const bad = /[^A-Za-z0-9_/-]/u.exec(name);
    if (bad) return { code, reason: `an alias may hold only letters, digits, "_", "-" and "/", not ${JSON.stringify(bad[0])}` };
    return undefined;
  }
  if (new RegExp(KEY_ID_PATTERN, 'u').test(keyId)) return undefined;
  const code = CONFIG_CODES.badKeyId;
  if (keyId === '') return { code, reason: 'the key ID is empty' };
  if (/^alias[^/]/i.test(keyId) || keyId.toLowerCase().startsWith(ALIAS_PREFIX)) {
    return { code, reason: 'an alias starts with "alias/" (lowercase, with a slash)' };
  }
  return { code, reason: 'expected a key ID (a UUID or key-...) or an alias (alias/...)' };
}

/** True for a well-formed region ID such as `cn-hangzhou` or `ap-southeast-1`. */
export function isRegionId(region: string): boolean {
  return new RegExp(REGION_PATTERN, 'u').test(region);
}
