/**
 * What `keyId` may hold, as the service gives it: a key ID (a UUID of the classic KMS, or `key-...` of a
 * KMS instance), an alias (`alias/name`), or a key ARN (`acs:kms:<region>:<uid>:key/<id>`), which the
 * newer API pages accept wherever a KeyId goes (../../shared/kms-api.md). Also how two of them are
 * compared: an ARN stands for the key ID in it, and only UUIDs compare case-blind.
 */
import { CONFIG_CODES } from './codes.js';
import { REGION_BODY } from './identifiers.js';
import { idKey } from './version-ids.js';

const KEY_ID_BODY = '[A-Za-z0-9][A-Za-z0-9_-]{0,127}';
export const KEY_ID_PATTERN = `^(?:alias/(?!acs)[A-Za-z0-9_/-]{1,249}|${KEY_ID_BODY}|acs:kms:${REGION_BODY}:[0-9]{1,32}:key/${KEY_ID_BODY})$`;

export const ALIAS_PREFIX = 'alias/';
export const MAX_ALIAS_LENGTH = 255;
const ARN = new RegExp(`^acs:kms:(${REGION_BODY}):([0-9]{1,32}):key/(${KEY_ID_BODY})$`, 'u');

export type ShapeProblem = { code: string; reason: string } | undefined;

export interface KeyArn {
  region: string;
  /** The Alibaba Cloud account UID the ARN names. */
  uid: string;
  /** The key ID inside the ARN. */
  keyId: string;
}

/** The parts of a key ARN, or undefined when the text is not one. */
export function parseKeyArn(text: string): KeyArn | undefined {
  const match = ARN.exec(text);
  return match ? { region: match[1]!, uid: match[2]!, keyId: match[3]! } : undefined;
}

/**
 * What a keyId stands for when two entries are compared: the key ID inside an ARN, a UUID in lowercase,
 * anything else as written. An alias and the key ID it names only meet once the key is read.
 */
export function keyIdentity(keyId: string): string {
  return idKey(parseKeyArn(keyId)?.keyId ?? keyId);
}

/** Why a key ID, alias or ARN is malformed, or undefined when it is fine. Alias rules: ../../shared/kms-api.md. */
export function keyIdProblem(keyId: string): ShapeProblem {
  if (keyId.startsWith(ALIAS_PREFIX)) return aliasProblem(keyId);
  if (keyId.startsWith('acs:')) return arnProblem(keyId);
  if (new RegExp(KEY_ID_PATTERN, 'u').test(keyId)) return undefined;
  const code = CONFIG_CODES.badKeyId;
  if (keyId === '') return { code, reason: 'the key ID is empty' };
  if (/^alias[^/]/iu.test(keyId) || keyId.toLowerCase().startsWith(ALIAS_PREFIX)) {
    return { code, reason: 'an alias starts with "alias/" (lowercase, with a slash)' };
  }
  return { code, reason: 'expected a key ID (a UUID or key-...), an alias (alias/...) or a key ARN (acs:kms:<region>:<uid>:key/<id>)' };
}

function aliasProblem(keyId: string): ShapeProblem {
  const code = CONFIG_CODES.badAlias;
  const name = keyId.slice(ALIAS_PREFIX.length);
  if (name === '') return { code, reason: 'an alias needs a name after "alias/"' };
  if (keyId.length > MAX_ALIAS_LENGTH) return { code, reason: `an alias is at most ${MAX_ALIAS_LENGTH} characters long, this one has ${keyId.length}` };
  if (name.startsWith('acs')) return { code, reason: 'aliases starting with "alias/acs" are reserved for Alibaba Cloud services' };
  const bad = /[^A-Za-z0-9_/-]/u.exec(name);
  if (bad) return { code, reason: `an alias may hold only letters, digits, "_", "-" and "/", not ${JSON.stringify(bad[0])}` };
  return undefined;
}

/** The part of an ARN that is wrong, named. */
function arnProblem(arn: string): ShapeProblem {
  if (parseKeyArn(arn)) return undefined;
  const code = CONFIG_CODES.badKeyId;
  const [, service, region, uid, resource, ...rest] = arn.split(':');
  const shape = 'a key ARN is acs:kms:<region>:<account UID>:key/<key ID>';
  if (service !== 'kms') return { code, reason: `not an ARN of KMS (${JSON.stringify(service ?? '')}): ${shape}` };
  if (resource === undefined || rest.length > 0) return { code, reason: shape };
  if (!new RegExp(`^${REGION_BODY}$`, 'u').test(region ?? '')) return { code, reason: `the region ${JSON.stringify(region)} of the ARN is not a region ID such as cn-hangzhou` };
  if (!/^[0-9]{1,32}$/u.test(uid ?? '')) return { code, reason: `the account UID ${JSON.stringify(uid)} of the ARN is not a number` };
  if (resource.startsWith('alias/')) return { code, reason: `an alias ARN names an alias: write the alias itself, ${JSON.stringify(resource)}` };
  if (!resource.startsWith('key/')) return { code, reason: shape };
  return { code, reason: `the key ID ${JSON.stringify(resource.slice(4))} of the ARN is not a key ID (a UUID or key-...)` };
}
