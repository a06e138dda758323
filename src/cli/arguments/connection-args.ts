/**
 * The flags that say how to reach KMS: `--endpoint`, `--profile`, `--sts-endpoint`, `--parallelism`,
 * `--signature-version` and `--quota`, parsed once into ConnectionArgs (each is read here and nowhere else).
 */
import { errorDiagnostic, type Diagnostic, type Result } from '../../diagnostics/diagnostic.js';
import type { ConnectionOptions } from '../../operations/session.js';
import { DEFAULT_SIGNATURE_VERSION, SIGNATURE_VERSIONS, type SignatureVersion } from '../../kms/request-signer.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { listValue, stringValue } from './command-line.js';
import { parseQuotaFlags } from './quota-args.js';

/** The connection flags, parsed: exactly what a session is opened with (src/operations/session.ts). */
export type ConnectionArgs = ConnectionOptions;

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
  'signature-version': { type: 'string' },
  quota: { type: 'string', multiple: true },
};

export const CONNECTION_HELP = `Connection:
  --endpoint URL        one KMS endpoint for every region (also KMSCTL_ENDPOINT), e.g. a VPC endpoint
                        or the local emulator; plain http:// only for loopback addresses
  --parallelism N       keys read or changed at once, and the most requests in flight to an
                        endpoint (default ${DEFAULT_PARALLELISM}, at most ${MAX_PARALLELISM}; fewer for as long as the service answers Throttling)
  --profile NAME        use this profile of the Alibaba Cloud CLI (~/.aliyun/config.json; modes AK,
                        StsToken, RamRoleArn, External, ...) instead of the environment and OIDC
  --sts-endpoint URL    STS endpoint for the accounts' roles (AssumeRole), RamRoleArn and OIDC
                        credentials (also KMSCTL_STS_ENDPOINT); https only, e.g. the emulator with --tls
  --signature-version V how requests are signed: v3 (ACS3-HMAC-SHA256, the default, as the current
                        official SDKs) or v1 (HMAC-SHA1, which Alibaba's newer pages call "V2" and
                        mark discontinued for new integrations; for gateways that know only it)
  --quota GROUP=N       requests per second kmsctl paces each account and region to, per quota group
                        (key-read, key-write, key-create, instance-read; repeatable), or "unlimited"
                        (a dedicated gateway, an emulator without quotas); default KMSCTL_QUOTAS, else
                        the published figures (key-read=50, key-write=30, key-create=10, instance-read=50)
Credentials, the first found of: ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (and
ALIBABA_CLOUD_SECURITY_TOKEN); OIDC in CI (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN,
ALIBABA_CLOUD_OIDC_TOKEN_FILE); the CLI profile named by --profile, ALIBABA_CLOUD_PROFILE or the
file's "current". The config's accounts: are reached from these (AssumeRole) or their own profile.
\`kmsctl doctor\` shows which one is used and whether each account and endpoint answers.`;

export function parseConnectionArgs(values: OptionValues): Result<ConnectionArgs> {
  const diagnostics: Diagnostic[] = [];
  const parallelism = positiveInteger(values, 'parallelism', DEFAULT_PARALLELISM, MAX_PARALLELISM, diagnostics);
  const signatureVersion = signatureVersionValue(values, diagnostics);
  const quotas = parseQuotaFlags(listValue(values, 'quota'), diagnostics);
  const value = { endpoint: stringValue(values, 'endpoint'), profile: stringValue(values, 'profile'), stsEndpoint: stringValue(values, 'sts-endpoint'), parallelism, signatureVersion, quotas };
  return { value: diagnostics.length > 0 ? undefined : value, diagnostics };
}

function signatureVersionValue(values: OptionValues, diagnostics: Diagnostic[]): SignatureVersion {
  const raw = stringValue(values, 'signature-version');
  if (raw === undefined) return DEFAULT_SIGNATURE_VERSION;
  const match = SIGNATURE_VERSIONS.find((version) => version === raw.toLowerCase());
  if (match !== undefined) return match;
  diagnostics.push(errorDiagnostic(CLI_CODES.badFlagValue, `--signature-version takes v3 or v1, got ${JSON.stringify(raw)}`, undefined, 'v3 is ACS3-HMAC-SHA256; v1 is HMAC-SHA1, called "V2" in Alibaba\'s newer pages'));
  return DEFAULT_SIGNATURE_VERSION;
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
