/**
 * kmsctl's credential chain, built on @alicloud/credentials: the first configured source of
 * 1. the environment (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET, optional _SECURITY_TOKEN);
 * 2. OIDC for CI (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE;
 *    STS AssumeRoleWithOIDC);
 * 3. the Alibaba Cloud CLI's ~/.aliyun/config.json, profile from --profile, ALIBABA_CLOUD_PROFILE or
 *    the file's `current` (see cli-profile-credentials.ts for the modes).
 * An explicit `--profile` goes straight to 3. A source counts once it is configured: a configured
 * source that then fails is reported as that failure, never silently replaced by the next one; a
 * partly configured one is skipped and named in the report. The library's own default chain is not
 * used: it reads process.env and the home directory with no way to inject them, probes the ECS
 * metadata service, and swallows why each source was skipped. Temporary credentials are refreshed by
 * the library before they expire; kmsctl asks before every request.
 */
import { chooseProfileName, cliConfigPath, CLI_PROFILE_DISABLED_ENV_VAR, findProfile, isCliProfileDisabled, readCliConfig, type ProfileNameOrigin } from './aliyun-cli-config.js';
import { ACCESS_KEY_ID_ENV_VAR, ACCESS_KEY_SECRET_ENV_VAR, maskAccessKeyId, SECURITY_TOKEN_ENV_VAR, type Credentials, type CredentialsDescription, type CredentialsProvider } from './credentials.js';
import { KmsConfigError } from './errors.js';
import { LibraryCredentialSource } from './library-credentials.js';
import { resolveStsEndpoint, type StsEndpoint } from './sts-endpoint.js';

export const ROLE_ARN_ENV_VAR = 'ALIBABA_CLOUD_ROLE_ARN';
export const OIDC_PROVIDER_ARN_ENV_VAR = 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN';
export const OIDC_TOKEN_FILE_ENV_VAR = 'ALIBABA_CLOUD_OIDC_TOKEN_FILE';
export const ROLE_SESSION_NAME_ENV_VAR = 'ALIBABA_CLOUD_ROLE_SESSION_NAME';

export type CredentialSourceKind = 'environment' | 'oidc' | 'cli-profile';

/** What the chain found at one source. `selected`: used; `absent`: nothing set; `incomplete`: partly set, skipped; `skipped`: not consulted; `disabled`; `invalid`: configured but unusable. */
export interface SourceCheck {
  source: CredentialSourceKind;
  status: 'selected' | 'absent' | 'incomplete' | 'skipped' | 'disabled' | 'invalid';
  /** Names variables, paths and profile names; never a secret. */
  detail: string;
}

export interface ChainReport {
  checks: SourceCheck[];
  selected: { source: CredentialSourceKind; label: string; sts: StsEndpoint | undefined } | undefined;
  /** Why no source could be used; undefined once one is selected. */
  error: KmsConfigError | undefined;
}

export interface CredentialChainOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** `--profile`: use this CLI profile, skipping the environment and OIDC. */
  profile?: string | undefined;
  /** `--sts-endpoint`; else KMSCTL_STS_ENDPOINT, the profile's, or the public one. */
  stsEndpoint?: string | undefined;
  /** Default: HOME / USERPROFILE of `env`, else the OS's home directory. */
  homeDir?: string | undefined;
  /** Time-out of an External profile's process_command. Default 60 s. */
  externalTimeoutMs?: number | undefined;
}

interface Selection {
  source: CredentialSourceKind;
  label: string;
  sts: StsEndpoint | undefined;
  credentials: Pick<LibraryCredentialSource, 'get'>;
}

export class CredentialChain implements CredentialsProvider {
  readonly #options: CredentialChainOptions;
  #selection: Promise<{ checks: SourceCheck[]; selection: Selection | undefined; error: KmsConfigError | undefined }> | undefined;

  constructor(options: CredentialChainOptions) {
    this.#options = options;
  }

  async getCredentials(): Promise<Credentials> {
    return (await this.#selected()).credentials.get();
  }

  async describe(): Promise<CredentialsDescription> {
    const selection = await this.#selected();
    const credentials = await selection.credentials.get();
    return { source: selection.label, accessKeyId: maskAccessKeyId(credentials.accessKeyId), hasSecurityToken: credentials.securityToken !== undefined };
  }

  /** Which source the chain picks and what it found at each, without fetching credentials. */
  async report(): Promise<ChainReport> {
    const { checks, selection, error } = await this.#select();
    return { checks, selected: selection && { source: selection.source, label: selection.label, sts: selection.sts }, error };
  }

  /** Keeps options (and so the environment) out of logs. */
  toJSON(): { source: string } {
    return { source: 'credential-chain' };
  }

  async #selected(): Promise<Selection> {
    const { selection, error } = await this.#select();
    if (selection === undefined) throw error ?? new KmsConfigError('credentials.missing', 'no Alibaba Cloud credentials');
    return selection;
  }

  #select(): Promise<{ checks: SourceCheck[]; selection: Selection | undefined; error: KmsConfigError | undefined }> {
    this.#selection ??= selectSource(this.#options);
    return this.#selection;
  }
}

export function createCredentialChain(options: CredentialChainOptions): CredentialChain {
  return new CredentialChain(options);
}

async function selectSource(options: CredentialChainOptions): Promise<{ checks: SourceCheck[]; selection: Selection | undefined; error: KmsConfigError | undefined }> {
  const checks: SourceCheck[] = [];
  const explicitProfile = text(options.profile) !== undefined;
  const sessionName = text(options.env[ROLE_SESSION_NAME_ENV_VAR]) ?? `kmsctl-${Date.now()}`;
  try {
    if (explicitProfile) {
      checks.push({ source: 'environment', status: 'skipped', detail: 'not consulted: --profile was given' });
      checks.push({ source: 'oidc', status: 'skipped', detail: 'not consulted: --profile was given' });
    } else {
      const env = environmentSource(options.env);
      checks.push(env.check);
      if (env.selection) return { checks, selection: env.selection, error: undefined };
      const oidc = oidcSource(options, sessionName);
      checks.push(oidc.check);
      if (oidc.selection) return { checks, selection: oidc.selection, error: undefined };
    }
    const profile = await profileSource(options, sessionName);
    checks.push(profile.check);
    if (profile.selection) return { checks, selection: profile.selection, error: undefined };
    return { checks, selection: undefined, error: noCredentials(checks) };
  } catch (error) {
    if (!(error instanceof KmsConfigError)) throw error;
    return { checks, selection: undefined, error };
  }
}

function environmentSource(env: Readonly<Record<string, string | undefined>>): { check: SourceCheck; selection?: Selection } {
  const id = text(env[ACCESS_KEY_ID_ENV_VAR]);
  const secret = text(env[ACCESS_KEY_SECRET_ENV_VAR]);
  const token = text(env[SECURITY_TOKEN_ENV_VAR]);
  if (id === undefined && secret === undefined) {
    return { check: { source: 'environment', status: 'absent', detail: `${ACCESS_KEY_ID_ENV_VAR} and ${ACCESS_KEY_SECRET_ENV_VAR} are not set` } };
  }
  if (id === undefined || secret === undefined) {
    const [set, unset] = id === undefined ? [ACCESS_KEY_SECRET_ENV_VAR, ACCESS_KEY_ID_ENV_VAR] : [ACCESS_KEY_ID_ENV_VAR, ACCESS_KEY_SECRET_ENV_VAR];
    return { check: { source: 'environment', status: 'incomplete', detail: `${set} is set but ${unset} is not; skipped` } };
  }
  // Values are trimmed: a pasted trailing newline would otherwise break every signature.
  // Static values need none of @alicloud/credentials (about 12 MB of memory), which is imported only by
  // the sources that fetch or refresh credentials.
  const credentials: Credentials = token === undefined ? { accessKeyId: id, accessKeySecret: secret } : { accessKeyId: id, accessKeySecret: secret, securityToken: token };
  const label = token === undefined ? 'environment' : 'environment (STS token)';
  return {
    check: { source: 'environment', status: 'selected', detail: `${ACCESS_KEY_ID_ENV_VAR} and ${ACCESS_KEY_SECRET_ENV_VAR}${token === undefined ? '' : ` with ${SECURITY_TOKEN_ENV_VAR}`}` },
    selection: { source: 'environment', label, sts: undefined, credentials: { get: () => Promise.resolve(credentials) } },
  };
}

function oidcSource(options: CredentialChainOptions, sessionName: string): { check: SourceCheck; selection?: Selection } {
  const names = [ROLE_ARN_ENV_VAR, OIDC_PROVIDER_ARN_ENV_VAR, OIDC_TOKEN_FILE_ENV_VAR];
  const values = names.map((name) => text(options.env[name]));
  const missing = names.filter((_, index) => values[index] === undefined);
  if (missing.length === names.length) return { check: { source: 'oidc', status: 'absent', detail: `${names.join(', ')} are not set` } };
  if (missing.length > 0) {
    return { check: { source: 'oidc', status: 'incomplete', detail: `${names.filter((n) => !missing.includes(n)).join(', ')} set but ${missing.join(', ')} not; skipped` } };
  }
  const [roleArn = '', providerArn = '', tokenFile = ''] = values;
  const sts = resolveStsEndpoint({ flag: options.stsEndpoint, env: options.env });
  const provider = async () =>
    (await import('@alicloud/credentials')).OIDCRoleArnCredentialsProvider.builder()
      .withRoleArn(roleArn)
      .withOIDCProviderArn(providerArn)
      .withOIDCTokenFilePath(tokenFile)
      .withRoleSessionName(sessionName)
      .withStsEndpoint(sts.host)
      .build();
  const label = `OIDC role ${roleArn} (STS AssumeRoleWithOIDC at ${sts.url})`;
  return {
    check: { source: 'oidc', status: 'selected', detail: `role ${roleArn}, token file ${tokenFile}` },
    selection: { source: 'oidc', label, sts, credentials: new LibraryCredentialSource(provider, label) },
  };
}

async function profileSource(options: CredentialChainOptions, sessionName: string): Promise<{ check: SourceCheck; selection?: Selection }> {
  if (isCliProfileDisabled(options.env) && text(options.profile) === undefined) {
    return { check: { source: 'cli-profile', status: 'disabled', detail: `${CLI_PROFILE_DISABLED_ENV_VAR}=true` } };
  }
  const read = await readCliConfig(cliConfigPath(options.env, options.homeDir));
  const chosen = chooseProfileName(options.profile, options.env, read.status === 'ok' ? read.config : undefined);
  const explicit = chosen.origin === '--profile' || chosen.origin === 'ALIBABA_CLOUD_PROFILE';
  if (read.status === 'absent') {
    if (explicit) throw new KmsConfigError('credentials.profile-not-found', `CLI profile ${JSON.stringify(chosen.name)} (from ${chosen.origin}) was asked for, but ${read.path} does not exist`);
    return { check: { source: 'cli-profile', status: 'absent', detail: `${read.path} does not exist` } };
  }
  if (read.status === 'invalid') throw new KmsConfigError('credentials.profile-invalid', `the CLI profile file ${read.path} cannot be used: ${read.reason}`);
  const profile = findProfile(read.config, chosen.name);
  if (!profile) {
    const known = read.config.profiles.map((p) => JSON.stringify(p.name)).join(', ') || 'none';
    throw new KmsConfigError('credentials.profile-not-found', `CLI profile ${JSON.stringify(chosen.name)} (${originText(chosen.origin)}) is not in ${read.path}; its profiles: ${known}`);
  }
  const { profileProvider } = await import('./cli-profile-credentials.js');
  const built = profileProvider(profile, { config: read.config, path: read.path, env: options.env, stsEndpointFlag: options.stsEndpoint, externalTimeoutMs: options.externalTimeoutMs, sessionName });
  const via = built.sts ? `, STS at ${built.sts.url}` : '';
  const label = `CLI profile ${JSON.stringify(profile.name)} (mode ${built.mode}${via})`;
  return {
    check: { source: 'cli-profile', status: 'selected', detail: `${read.path}, profile ${JSON.stringify(profile.name)} (${originText(chosen.origin)}), mode ${built.mode}` },
    selection: { source: 'cli-profile', label, sts: built.sts, credentials: new LibraryCredentialSource(built.provider, label, () => built.secrets) },
  };
}

function originText(origin: ProfileNameOrigin): string {
  return origin === 'current' ? 'the file\'s "current"' : origin === 'default' ? 'the default name' : `from ${origin}`;
}

/** `credentials.missing`, listing what was looked at, in order. */
function noCredentials(checks: readonly SourceCheck[]): KmsConfigError {
  const lines = checks.map((check, index) => `  ${index + 1}. ${SOURCE_NAMES[check.source]}: ${check.detail}`);
  return new KmsConfigError(
    'credentials.missing',
    `no Alibaba Cloud credentials found; looked at, in order:\n${lines.join('\n')}\n` +
      `Set ${ACCESS_KEY_ID_ENV_VAR} and ${ACCESS_KEY_SECRET_ENV_VAR} (and ${SECURITY_TOKEN_ENV_VAR} for STS credentials), configure OIDC in CI, or create a profile with \`aliyun configure\`; \`kmsctl doctor\` shows what is found.`,
  );
}

export const SOURCE_NAMES: Readonly<Record<CredentialSourceKind, string>> = {
  environment: 'environment',
  oidc: 'OIDC (CI)',
  'cli-profile': 'CLI profile',
};

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
