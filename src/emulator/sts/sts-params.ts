/** The validation STS applies to the parameters of AssumeRole and AssumeRoleWithOIDC, with its error codes. */
import { KmsServiceError } from '../errors.js';
import type { ParamReader } from '../params.js';
import { DEFAULT_DURATION_SECONDS, MAX_DURATION_SECONDS, MIN_DURATION_SECONDS } from './sts-api.js';

/** A role, as STS names it: `acs:ram::<account>:role/<name>`. */
export interface RoleRef {
  arn: string;
  accountId: string;
  roleName: string;
}

const ROLE_ARN = /^acs:ram::(\d{1,32}):role\/([A-Za-z0-9._@+=,-]{1,64})$/i;
const OIDC_PROVIDER_ARN = /^acs:ram::(\d{1,32}):oidc-provider\/([A-Za-z0-9._-]{1,128})$/;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

export function readRoleArn(params: ParamReader): RoleRef {
  const arn = params.required('RoleArn');
  const match = ROLE_ARN.exec(arn);
  if (!match?.[1] || !match[2]) {
    throw new KmsServiceError('InvalidParameter.RoleArn', `The parameter RoleArn is wrongly formed: ${JSON.stringify(arn)}; expected acs:ram::<account ID>:role/<role name>.`);
  }
  return { arn, accountId: match[1], roleName: match[2] };
}

/** Required for AssumeRole; AssumeRoleWithOIDC makes one up when absent. */
export function readSessionName(params: ParamReader, required: boolean): string | undefined {
  const name = required ? params.required('RoleSessionName') : params.optional('RoleSessionName');
  if (name !== undefined && !SESSION_NAME.test(name)) {
    throw new KmsServiceError('InvalidParameter.RoleSessionName', `The parameter RoleSessionName is wrongly formed: ${JSON.stringify(name)}; use 2 to 64 letters, digits and . @ - _.`);
  }
  return name;
}

export function readDurationSeconds(params: ParamReader): number {
  const raw = params.optional('DurationSeconds');
  if (raw === undefined) return DEFAULT_DURATION_SECONDS;
  const seconds = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(seconds >= MIN_DURATION_SECONDS && seconds <= MAX_DURATION_SECONDS)) {
    throw new KmsServiceError(
      'InvalidParameter.DurationSeconds',
      `The parameter DurationSeconds ${JSON.stringify(raw)} is out of range: the Min/Max value of DurationSeconds is ${MIN_DURATION_SECONDS}s/${MAX_DURATION_SECONDS}s.`,
    );
  }
  return seconds;
}

export function readOidcProviderArn(params: ParamReader): string {
  const arn = params.required('OIDCProviderArn');
  if (!OIDC_PROVIDER_ARN.test(arn)) {
    throw new KmsServiceError('InvalidParameter.OIDCProviderArn', `The parameter OIDCProviderArn is wrongly formed: ${JSON.stringify(arn)}; expected acs:ram::<account ID>:oidc-provider/<name>.`);
  }
  return arn;
}
