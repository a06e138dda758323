/**
 * The flags that say how to reach KMS: `--endpoint`, `--profile`, `--sts-endpoint` and `--parallelism`,
 * parsed once into ConnectionArgs (`--parallelism` is read here and nowhere else).
 */
import { errorDiagnostic, type Diagnostic, type Result } from '../../diagnostics/diagnostic.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { stringValue } from './command-line.js';

export interface ConnectionArgs {
  endpoint: string | undefined;
  profile: string | undefined;
  stsEndpoint: string | undefined;
  /** Keys handled at once, and the most requests in flight to an endpoint. */
  parallelism: number;
}

/**
 * Wider than Terraform's 10: the adaptive limiter (src/kms/adaptive-limiter.ts) halves the requests in
 * flight on Throttling and grows them back one at a time, so a service with a tight quota sees about
 * what it allows whatever this default is; without throttling, 24 requests in flight keep a plan busy
 * over a link of some tens of milliseconds, on one core's worth of kmsctl's CPU.
 */
export const DEFAULT_PARALLELISM = 24;
export const MAX_PARALLELISM = 256;

export const CONNECTION_OPTIONS: OptionSpec = {
  endpoint: { type: 'string' },
  profile: { type: 'string' },
  'sts-endpoint': { type: 'string' },
  parallelism: { type: 'string' },
};

export const CONNECTION_HELP = `Connection:
  --endpoint URL        one KMS endpoint for every region (also KMSCTL_ENDPOINT), e.g. a VPC endpoint
                        or the local emulator; plain http:// only for loopback addresses
  --parallelism N       keys read or changed at once, and the most requests in flight to an
                        endpoint (default ${DEFAULT_PARALLELISM}, at most ${MAX_PARALLELISM}; fewer for as long as the service answers Throttling)
  --profile NAME        use this profile of the Alibaba Cloud CLI (~/.aliyun/config.json; modes AK,
                        StsToken, RamRoleArn, External, ...) instead of the environment and OIDC
  --sts-endpoint URL    STS endpoint for RamRoleArn and OIDC credentials (also KMSCTL_STS_ENDPOINT);
                        https only, e.g. the emulator started with --tls
Credentials, the first found of: ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (and
ALIBABA_CLOUD_SECURITY_TOKEN); OIDC in CI (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN,
ALIBABA_CLOUD_OIDC_TOKEN_FILE); the CLI profile named by --profile, ALIBABA_CLOUD_PROFILE or the
file's "current". \`kmsctl doctor\` shows which one is used and whether each endpoint answers.`;

export function parseConnectionArgs(values: OptionValues): Result<ConnectionArgs> {
  const diagnostics: Diagnostic[] = [];
  const parallelism = positiveInteger(values, 'parallelism', DEFAULT_PARALLELISM, MAX_PARALLELISM, diagnostics);
  const value = { endpoint: stringValue(values, 'endpoint'), profile: stringValue(values, 'profile'), stsEndpoint: stringValue(values, 'sts-endpoint'), parallelism };
  return { value: diagnostics.length > 0 ? undefined : value, diagnostics };
}

/** A whole number from 1 to `max`, or the fallback when the flag is absent; a diagnostic quoting anything else. */
export function positiveInteger(values: OptionValues, name: string, fallback: number, max: number, diagnostics: Diagnostic[]): number {
  const raw = stringValue(values, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    diagnostics.push(errorDiagnostic(CLI_CODES.badFlagValue, `--${name} takes a whole number from 1 to ${max}, got ${JSON.stringify(raw)}`));
    return fallback;
  }
  return Number(raw);
}
