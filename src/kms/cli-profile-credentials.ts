/**
 * A CLI profile as a credentials provider of @alicloud/credentials, by its `mode`: `AK` and
 * `StsToken` (static), `RamRoleArn` and `ChainableRamRoleArn` (STS AssumeRole, refreshed by the
 * library), `OIDC` (STS AssumeRoleWithOIDC), `EcsRamRole` (the instance metadata service, through the
 * library), `External` (kmsctl's execa runner). Every value the library's builders would otherwise
 * take from process.env is given explicitly, and a missing field is reported here by name, never
 * by value. CloudSSO and OAuth profiles need the CLI's interactive sign-in and are not supported.
 */
import { ECSRAMRoleCredentialsProvider, OIDCRoleArnCredentialsProvider, RAMRoleARNCredentialsProvider, StaticAKCredentialsProvider, StaticSTSCredentialsProvider } from '@alicloud/credentials';
import { findProfile, type CliConfig, type CliProfile } from './aliyun-cli-config.js';
import { KmsConfigError } from './errors.js';
import { ExternalProcessCredentialsProvider } from './external-process-credentials.js';
import type { LibraryProvider } from './library-credentials.js';
import { resolveStsEndpoint, type StsEndpoint } from './sts-endpoint.js';

export const SUPPORTED_PROFILE_MODES = ['AK', 'StsToken', 'RamRoleArn', 'ChainableRamRoleArn', 'OIDC', 'EcsRamRole', 'External'] as const;
const MAX_CHAIN_DEPTH = 5;

export interface ProfileContext {
  config: CliConfig;
  /** Where the profile file is, for messages. */
  path: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `--sts-endpoint`. */
  stsEndpointFlag?: string | undefined;
  externalTimeoutMs?: number | undefined;
  /** A role session name for AssumeRole* when the profile names none. */
  sessionName: string;
}

export interface ProfileProvider {
  provider: LibraryProvider;
  mode: string;
  /** The STS endpoint, for the modes that call STS. */
  sts: StsEndpoint | undefined;
  /** Long-term secrets the provider holds, to keep out of messages. */
  secrets: string[];
}

export function profileProvider(profile: CliProfile, ctx: ProfileContext, seen: readonly string[] = []): ProfileProvider {
  const mode = typeof profile.mode === 'string' && profile.mode !== '' ? profile.mode : 'AK';
  const need = (...names: (keyof CliProfile)[]): Record<string, string> => requireFields(profile, mode, names, ctx.path);
  switch (mode) {
    case 'AK': {
      const f = need('access_key_id', 'access_key_secret');
      const provider = StaticAKCredentialsProvider.builder().withAccessKeyId(f['access_key_id']!).withAccessKeySecret(f['access_key_secret']!).build();
      return { provider, mode, sts: undefined, secrets: [f['access_key_secret']!] };
    }
    case 'StsToken': {
      const f = need('access_key_id', 'access_key_secret', 'sts_token');
      const provider = StaticSTSCredentialsProvider.builder().withAccessKeyId(f['access_key_id']!).withAccessKeySecret(f['access_key_secret']!).withSecurityToken(f['sts_token']!).build();
      return { provider, mode, sts: undefined, secrets: [f['access_key_secret']!, f['sts_token']!] };
    }
    case 'RamRoleArn': {
      const f = need('access_key_id', 'access_key_secret', 'ram_role_arn');
      const source = StaticAKCredentialsProvider.builder().withAccessKeyId(f['access_key_id']!).withAccessKeySecret(f['access_key_secret']!).build();
      return assumeRole(profile, mode, source, [f['access_key_secret']!], ctx);
    }
    case 'ChainableRamRoleArn': {
      const f = need('source_profile', 'ram_role_arn');
      const sourceName = f['source_profile']!;
      if (seen.includes(sourceName) || seen.length >= MAX_CHAIN_DEPTH) {
        throw invalid(ctx.path, profile.name, `its source_profile chain ${[...seen, profile.name, sourceName].map((n) => JSON.stringify(n)).join(' -> ')} loops or is too long`);
      }
      const sourceProfile = findProfile(ctx.config, sourceName);
      if (!sourceProfile) throw invalid(ctx.path, profile.name, `its source_profile ${JSON.stringify(sourceName)} does not exist`);
      const inner = profileProvider(sourceProfile, ctx, [...seen, profile.name]);
      return assumeRole(profile, mode, inner.provider, inner.secrets, ctx);
    }
    case 'OIDC': {
      const f = need('ram_role_arn', 'oidc_provider_arn', 'oidc_token_file');
      const sts = stsFor(profile, ctx);
      const provider = OIDCRoleArnCredentialsProvider.builder()
        .withRoleArn(f['ram_role_arn']!)
        .withOIDCProviderArn(f['oidc_provider_arn']!)
        .withOIDCTokenFilePath(f['oidc_token_file']!)
        .withRoleSessionName(text(profile.ram_session_name) ?? ctx.sessionName)
        .withDurationSeconds(durationOf(profile, ctx.path))
        .withStsEndpoint(sts.host)
        .build();
      return { provider, mode, sts, secrets: [] };
    }
    case 'EcsRamRole': {
      const builder = ECSRAMRoleCredentialsProvider.builder();
      const role = text(profile.ram_role_name);
      return { provider: (role === undefined ? builder : builder.withRoleName(role)).build(), mode, sts: undefined, secrets: [] };
    }
    case 'External': {
      const f = need('process_command');
      const label = `the External process_command of CLI profile ${JSON.stringify(profile.name)}`;
      const provider = new ExternalProcessCredentialsProvider({ command: f['process_command']!, env: ctx.env, timeoutMs: ctx.externalTimeoutMs, label });
      return { provider, mode, sts: undefined, secrets: [] };
    }
    default:
      throw invalid(ctx.path, profile.name, `its mode ${JSON.stringify(mode)} is not supported by kmsctl (supported: ${SUPPORTED_PROFILE_MODES.join(', ')})`);
  }
}

function assumeRole(profile: CliProfile, mode: string, source: LibraryProvider, secrets: string[], ctx: ProfileContext): ProfileProvider {
  const sts = stsFor(profile, ctx);
  const provider = RAMRoleARNCredentialsProvider.builder()
    .withCredentialsProvider(source)
    .withRoleArn(text(profile.ram_role_arn) ?? '')
    .withRoleSessionName(text(profile.ram_session_name) ?? ctx.sessionName)
    .withDurationSeconds(durationOf(profile, ctx.path))
    .withStsEndpoint(sts.host)
    .build();
  return { provider, mode, sts, secrets };
}

function stsFor(profile: CliProfile, ctx: ProfileContext): StsEndpoint {
  return resolveStsEndpoint({ flag: ctx.stsEndpointFlag, env: ctx.env, profile });
}

/** `expired_seconds` (what `aliyun configure` writes) or `duration_seconds`, else the library's 3600; at least 900. */
function durationOf(profile: CliProfile, path: string): number {
  const value = profile.expired_seconds || profile.duration_seconds || 3600;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 900) {
    throw invalid(path, profile.name, `its expired_seconds ${JSON.stringify(value)} is not a whole number of seconds of at least 900`);
  }
  return value;
}

function requireFields(profile: CliProfile, mode: string, names: (keyof CliProfile)[], path: string): Record<string, string> {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of names) {
    const value = profile[name];
    if (typeof value === 'string' && value.trim() !== '') values[name] = value.trim();
    else missing.push(name);
  }
  if (missing.length > 0) throw invalid(path, profile.name, `mode ${mode} needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} missing or empty`);
  return values;
}

function invalid(path: string, name: string, why: string): KmsConfigError {
  return new KmsConfigError('credentials.profile-invalid', `CLI profile ${JSON.stringify(name)} in ${path} cannot be used: ${why}`);
}

function text(value: string | undefined): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : undefined;
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
