/**
 * The fields of an entry of `accounts:`: how kmsctl reaches an account. Either a RAM role assumed with
 * STS AssumeRole from the run's base credentials (`roleArn`, with the optional `externalId`,
 * `sessionName` and `durationSeconds` AssumeRole takes), or a profile of the Alibaba Cloud CLI
 * (`profile`). Limits are STS AssumeRole's: RoleSessionName 2 to 64 of letters, digits and `.@-_`;
 * ExternalId 2 to 1224 of letters, digits and `+=,.@:/-_`; DurationSeconds from 900 to 43200 (the
 * role's own maximum may be lower; STS says so when it is). The emulator reads role ARNs alike.
 */

export const ROLE_ARN_PATTERN = '^acs:ram::[0-9]{1,32}:role/[A-Za-z0-9._@+=,-]{1,64}$';
export const SESSION_NAME_PATTERN = '^[A-Za-z0-9.@_-]{2,64}$';
export const EXTERNAL_ID_PATTERN = '^[A-Za-z0-9_+=,.@:/-]{2,1224}$';
/** A CLI profile name: any printable text, as `aliyun configure --profile` takes it. */
export const PROFILE_PATTERN = '^[^\\u0000-\\u001f\\u007f]{1,128}$';
export const MIN_ROLE_SESSION_SECONDS = 900;
export const MAX_ROLE_SESSION_SECONDS = 43_200;

/** The fields that only mean something with `roleArn`. */
export const ROLE_OPTIONS = ['externalId', 'sessionName', 'durationSeconds'] as const;

/** Why a role ARN is malformed, naming the part that is wrong. */
export function roleArnProblem(arn: string): string | undefined {
  if (new RegExp(ROLE_ARN_PATTERN, 'u').test(arn)) return undefined;
  const shape = 'a role ARN is acs:ram::<account UID>:role/<role name>';
  const match = /^acs:ram:([^:]*):([^:]*):(.*)$/u.exec(arn);
  if (!match) return shape;
  const [, region, uid, resource] = match;
  if (region !== '') return `a role ARN has no region (acs:ram::...): ${shape}`;
  if (!/^[0-9]{1,32}$/u.test(uid!)) return `the account UID ${JSON.stringify(uid)} is not a number: ${shape}`;
  if (!resource!.startsWith('role/')) return shape;
  return `the role name ${JSON.stringify(resource!.slice(5))} is 1 to 64 letters, digits or ".@+=,-_"`;
}
