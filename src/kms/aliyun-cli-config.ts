/**
 * Reads the Alibaba Cloud CLI's profile file, `~/.aliyun/config.json`
 * (`{"current": NAME, "profiles": [{"name", "mode", "access_key_id", ..., "region_id"}]}`), and picks a
 * profile: `--profile`, else `ALIBABA_CLOUD_PROFILE`, else the file's `current`, else `default`.
 * kmsctl reads the file itself rather than through @alicloud/credentials, whose reader quotes the
 * whole file (secrets included) in its parse error and always looks in the real home directory.
 * No message here ever quotes a value from the file other than profile names.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PROFILE_ENV_VAR = 'ALIBABA_CLOUD_PROFILE';
/** `true` turns the CLI profile source off, as in the official credentials libraries. */
export const CLI_PROFILE_DISABLED_ENV_VAR = 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED';

/** One profile as the CLI writes it; every field is optional until a mode needs it. */
export interface CliProfile {
  name: string;
  mode?: string;
  access_key_id?: string;
  access_key_secret?: string;
  sts_token?: string;
  region_id?: string;
  ram_role_arn?: string;
  ram_session_name?: string;
  expired_seconds?: number;
  sts_region?: string;
  sts_endpoint?: string;
  enable_vpc?: boolean;
  source_profile?: string;
  ram_role_name?: string;
  oidc_token_file?: string;
  oidc_provider_arn?: string;
  duration_seconds?: number;
  process_command?: string;
}

export interface CliConfig {
  current: string | undefined;
  profiles: CliProfile[];
}

export type CliConfigRead =
  | { status: 'absent'; path: string }
  | { status: 'invalid'; path: string; reason: string }
  | { status: 'ok'; path: string; config: CliConfig };

export type ProfileNameOrigin = '--profile' | typeof PROFILE_ENV_VAR | 'current' | 'default';

/** The file's path under the home directory: `homeDir`, else the env's HOME / USERPROFILE, else the OS's. */
export function cliConfigPath(env: Readonly<Record<string, string | undefined>>, homeDir?: string): string {
  const home = homeDir ?? nonEmpty(env['HOME']) ?? nonEmpty(env['USERPROFILE']) ?? homedir();
  return join(home, '.aliyun', 'config.json');
}

export function isCliProfileDisabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return env[CLI_PROFILE_DISABLED_ENV_VAR]?.trim().toLowerCase() === 'true';
}

/** Reads and checks the file's shape; a missing file is `absent`, anything unusable `invalid` with the reason. */
export async function readCliConfig(path: string): Promise<CliConfigRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'absent', path };
    return { status: 'invalid', path, reason: `it cannot be read (${code ?? (error as Error).message})` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error, which may be a secret: say only where.
    return { status: 'invalid', path, reason: 'it is not valid JSON' };
  }
  if (!isObject(parsed) || !Array.isArray(parsed['profiles'])) return { status: 'invalid', path, reason: 'it has no "profiles" list' };
  const profiles: CliProfile[] = [];
  for (const [index, entry] of (parsed['profiles'] as unknown[]).entries()) {
    if (!isObject(entry) || typeof entry['name'] !== 'string' || entry['name'] === '') {
      return { status: 'invalid', path, reason: `profile #${index + 1} has no "name"` };
    }
    profiles.push(entry as unknown as CliProfile);
  }
  const current = typeof parsed['current'] === 'string' && parsed['current'] !== '' ? parsed['current'] : undefined;
  return { status: 'ok', path, config: { current, profiles } };
}

/** Which profile to use, and why. */
export function chooseProfileName(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  config: CliConfig | undefined,
): { name: string; origin: ProfileNameOrigin } {
  const flag = nonEmpty(explicit);
  if (flag !== undefined) return { name: flag, origin: '--profile' };
  const fromEnv = nonEmpty(env[PROFILE_ENV_VAR]);
  if (fromEnv !== undefined) return { name: fromEnv, origin: PROFILE_ENV_VAR };
  if (config?.current !== undefined) return { name: config.current, origin: 'current' };
  return { name: 'default', origin: 'default' };
}

export function findProfile(config: CliConfig, name: string): CliProfile | undefined {
  return config.profiles.find((profile) => profile.name === name);
}

/**
 * The chosen profile's `region_id`, the last fallback of region resolution; undefined when there is
 * no usable file, profile or region (credential resolution reports those problems, not this).
 */
export async function readProfileRegion(input: {
  env: Readonly<Record<string, string | undefined>>;
  profile?: string | undefined;
  homeDir?: string | undefined;
}): Promise<string | undefined> {
  if (isCliProfileDisabled(input.env)) return undefined;
  const read = await readCliConfig(cliConfigPath(input.env, input.homeDir));
  if (read.status !== 'ok') return undefined;
  const profile = findProfile(read.config, chooseProfileName(input.profile, input.env, read.config).name);
  return typeof profile?.region_id === 'string' ? nonEmpty(profile.region_id) : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === '' ? undefined : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
