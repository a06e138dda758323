/**
 * The service's rules for a key's attributes, shared by the API actions and the seed loader so that a
 * seed can never describe a key the API would have refused. Each returns a problem text or undefined.
 */
import { isAsymmetricKeySpec, type KeySpec, type KeyUsage } from '../kms/wire/enums.js';

/** Which usages a spec allows, the default first. */
export function usagesFor(spec: KeySpec): readonly KeyUsage[] {
  if (!isAsymmetricKeySpec(spec)) return ['ENCRYPT/DECRYPT'];
  if (spec === 'EC_P256' || spec === 'EC_P256K') return ['SIGN/VERIFY'];
  return ['ENCRYPT/DECRYPT', 'SIGN/VERIFY'];
}

export function usageProblem(spec: KeySpec, usage: KeyUsage): string | undefined {
  const allowed = usagesFor(spec);
  return allowed.includes(usage) ? undefined : `is not allowed for ${spec} keys (allowed: ${allowed.join(', ')})`;
}

/** Alias names: `alias/` then letters, digits, `_`, `-`, `/`; 1..255 characters in all; not under `alias/acs`. */
export function aliasNameProblem(name: string): string | undefined {
  if (!name.startsWith('alias/')) return 'must start with "alias/"';
  if (name.length > 255) return 'must be at most 255 characters long';
  if (name.length === 'alias/'.length) return 'needs a name after "alias/"';
  if (!/^alias\/[A-Za-z0-9_/-]+$/.test(name)) return 'may contain only letters, digits, "_", "-" and "/" after "alias/"';
  if (name.startsWith('alias/acs')) return 'must not start with "alias/acs", which the service reserves';
  return undefined;
}

/** Automatic rotation periods the service accepts: 7 to 730 days. */
export const MIN_AUTO_ROTATION_SECONDS = 7 * 86_400;
export const MAX_AUTO_ROTATION_SECONDS = 730 * 86_400;

/** `RotationInterval` input (`7d` or `604800s`) in seconds, or a problem text. */
export function parseRotationInterval(text: string): number | string {
  const match = /^(\d{1,9})([ds])$/.exec(text);
  if (!match) return 'must be a number of days or seconds, such as 30d or 2592000s';
  const seconds = Number(match[1]) * (match[2] === 'd' ? 86_400 : 1);
  if (seconds < MIN_AUTO_ROTATION_SECONDS || seconds > MAX_AUTO_ROTATION_SECONDS) return 'must be between 7 and 730 days';
  return seconds;
}
