/** Flags shared by the commands that read a config and talk to KMS, with their help lines. */
import type { OptionSpec } from './command.js';

export const CONFIG_OPTIONS: OptionSpec = {
  file: { type: 'string', short: 'f', multiple: true },
  target: { type: 'string', multiple: true },
  region: { type: 'string' },
};

export const CONNECTION_OPTIONS: OptionSpec = {
  endpoint: { type: 'string' },
  profile: { type: 'string' },
  'sts-endpoint': { type: 'string' },
  parallelism: { type: 'string' },
};

export const CONFIG_HELP = `Config:
  -f, --file PATH       a config file or a directory of *.yaml files (repeatable; default kmsctl.yaml)
  --target NAME         only the key with this logical name (repeatable)
  --region REGION       region for keys that do not name one (overrides defaults.region,
                        ALIBABA_CLOUD_REGION_ID and the CLI profile's region_id)`;

export const CONNECTION_HELP = `Connection:
  --endpoint URL        one KMS endpoint for every region (also KMSCTL_ENDPOINT), e.g. a VPC endpoint
                        or the local emulator; plain http:// only for loopback addresses
  --parallelism N       keys read or changed at once, and the most requests in flight to an
                        endpoint (default 24; fewer for as long as the service answers Throttling)
  --profile NAME        use this profile of the Alibaba Cloud CLI (~/.aliyun/config.json; modes AK,
                        StsToken, RamRoleArn, External, ...) instead of the environment and OIDC
  --sts-endpoint URL    STS endpoint for RamRoleArn and OIDC credentials (also KMSCTL_STS_ENDPOINT);
                        https only, e.g. the emulator started with --tls
Credentials, the first found of: ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (and
ALIBABA_CLOUD_SECURITY_TOKEN); OIDC in CI (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN,
ALIBABA_CLOUD_OIDC_TOKEN_FILE); the CLI profile named by --profile, ALIBABA_CLOUD_PROFILE or the
file's "current". \`kmsctl doctor\` shows which one is used and whether each endpoint answers.`;

/**
 * Wider than Terraform's 10: the adaptive limiter (src/kms/adaptive-limiter.ts) halves the requests in
 * flight on Throttling and grows them back one at a time, so a service with a tight quota sees about
 * what it allows whatever this default is; without throttling, 24 requests in flight keep a plan busy
 * over a link of some tens of milliseconds, on one core's worth of kmsctl's CPU.
 */
export const DEFAULT_PARALLELISM = 24;
export const MAX_PARALLELISM = 256;
