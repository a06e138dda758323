/**
 * How the client reaches one account of a run: the same fields as the config's `accounts:` entries.
 * A spec with neither `roleArn` nor `profile` is the run's base identity; `roleArn` is assumed from the
 * base credentials, or from the profile's when both are given.
 */
import { KmsConfigError } from './errors.js';

export interface KmsAccountSpec {
  /** `acs:ram::<account ID>:role/<name>`, assumed with STS AssumeRole. */
  roleArn?: string | undefined;
  /** The role's external ID, when its trust policy asks for one. */
  externalId?: string | undefined;
  /** The role session name (2 to 64 of `A-Z a-z 0-9 . @ - _`); default `kmsctl-<time>`. */
  sessionName?: string | undefined;
  /** The assumed credentials' lifetime, 900 to 43,200 seconds; default STS's 3,600. */
  durationSeconds?: number | undefined;
  /** A CLI profile (~/.aliyun/config.json) to take credentials from. */
  profile?: string | undefined;
}

const ROLE_ARN = /^acs:ram::\d{1,32}:role\/[A-Za-z0-9._@+=,/-]{1,128}$/i;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

/** The spec checked, with empty strings read as absent; a bad value is a `KmsConfigError('account.invalid')` quoting it. */
export function checkAccountSpec(account: string, spec: KmsAccountSpec): KmsAccountSpec {
  const bad = (why: string) => new KmsConfigError('account.invalid', `account ${JSON.stringify(account)}: ${why}`);
  const text = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());
  const checked: KmsAccountSpec = {
    roleArn: text(spec.roleArn),
    externalId: text(spec.externalId),
    sessionName: text(spec.sessionName),
    durationSeconds: spec.durationSeconds,
    profile: text(spec.profile),
  };
  if (checked.roleArn !== undefined && !ROLE_ARN.test(checked.roleArn)) throw bad(`roleArn ${JSON.stringify(checked.roleArn)} is not of the form acs:ram::<account ID>:role/<role name>`);
  if (checked.roleArn === undefined && (checked.externalId !== undefined || checked.sessionName !== undefined || checked.durationSeconds !== undefined)) {
    throw bad('externalId, sessionName and durationSeconds apply only with a roleArn');
  }
  if (checked.sessionName !== undefined && !SESSION_NAME.test(checked.sessionName)) throw bad(`sessionName ${JSON.stringify(checked.sessionName)} must be 2 to 64 letters, digits and . @ - _`);
  const duration = checked.durationSeconds;
  if (duration !== undefined && !(Number.isInteger(duration) && duration >= 900 && duration <= 43_200)) throw bad(`durationSeconds ${JSON.stringify(duration)} must be a whole number from 900 to 43200`);
  return checked;
}

/** The key a pair's traffic and clients are kept under: the account's name, `-` for the base identity. */
export function accountKey(account: string | undefined): string {
  return account ?? '-';
}
