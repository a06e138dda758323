/** What `kmsctl doctor` found: the model both the text and the JSON output are made from. Never holds a secret. */
import type { CredentialSourceKind, SourceCheck } from '../../kms/credential-chain.js';

export { JSON_FORMAT_VERSION as DOCTOR_FORMAT_VERSION } from '../../render/json-format.js';

export type RegionOriginName = 'config' | '--region' | 'ALIBABA_CLOUD_REGION_ID' | 'CLI profile region_id';
export type EndpointOriginName = '--endpoint' | 'KMSCTL_ENDPOINT' | 'region';

export interface EndpointCheck {
  ok: boolean;
  /** The signed call made: ListKeys with PageSize=1. */
  action: 'ListKeys';
  requestId: string | undefined;
  /** The service's error code, or `transport.<kind>` / a kmsctl config code when no answer came. */
  code: string | undefined;
  message: string | undefined;
  /** What to do about a failure, when kmsctl can tell. */
  hint: string | undefined;
  durationMs: number;
}

export interface RegionReport {
  region: string;
  origin: RegionOriginName;
  /** Keys of the config in this region; undefined without a config. */
  keys: number | undefined;
  endpoint: string;
  endpointOrigin: EndpointOriginName;
  /** Undefined when the call was not made (no credentials). */
  check: EndpointCheck | undefined;
}

export interface CredentialsReport {
  ok: boolean;
  source: CredentialSourceKind | undefined;
  /** e.g. `CLI profile "ci" (mode RamRoleArn, STS at https://sts.aliyuncs.com)`. */
  label: string | undefined;
  /** Masked, e.g. `LTAI****7Xyz`. */
  accessKeyId: string | undefined;
  temporary: boolean | undefined;
  sts: { url: string; origin: string } | undefined;
  checks: SourceCheck[];
  error: { code: string; message: string } | undefined;
}

export interface ConfigReport {
  files: string[];
  keys: number;
  errors: number;
}

/** How an account of the config was reached, who it is, and whether each of its regions answered. */
export interface AccountReport {
  name: string;
  roleArn: string | undefined;
  profile: string | undefined;
  /** Keys of the config in this account. */
  keys: number;
  /** Where its credentials come from, with the access key ID masked; `error` when they could not be had. */
  credentials: { source: string | undefined; accessKeyId: string | undefined; error: AccountError | undefined };
  /** STS GetCallerIdentity with its credentials; undefined when not asked (no credentials) or when it failed (`identityError`). */
  identity: { accountId: string; arn: string; identityType: string | undefined; requestId: string | undefined } | undefined;
  identityError: AccountError | undefined;
  /** Each region of its keys, with a signed ListKeys; checks are undefined without credentials. */
  regions: { region: string; keys: number; endpoint: string; check: EndpointCheck | undefined }[];
  ok: boolean;
}

export interface AccountError {
  code: string;
  message: string;
  /** STS's code, when STS refused the role. */
  stsCode: string | undefined;
  requestId: string | undefined;
  hint: string | undefined;
}

export interface DoctorReport {
  ok: boolean;
  credentials: CredentialsReport;
  /** Undefined when no config was read (no -f and no kmsctl.yaml or kmsctl.yml in the working directory). */
  config: ConfigReport | undefined;
  /** The regions of the base identity's keys (those that name no account), or of the flags and environment without a config. */
  regions: RegionReport[];
  /** Every account the config declares (or those --account names), each checked. */
  accounts: AccountReport[];
  /** Every reason `ok` is false, as sentences that say what to do. */
  problems: string[];
}
