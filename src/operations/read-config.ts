/**
 * The first stage of every command that reads a config: load and validate it, then narrow it to the
 * --target keys. `--region` fills the region of keys that set none, neither on the key nor in their
 * file's `defaults.region`: it takes the place of ALIBABA_CLOUD_REGION_ID, so it can never move a key
 * that names its region. Returns diagnostics; never prints and never throws for a user mistake.
 */
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import type { DesiredState } from '../config/desired-state.js';
import { REGION_ENV } from '../config/resolve-region.js';
import { errorDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { readProfileRegion } from '../kms/aliyun-cli-config.js';
import { CLI_CODES } from '../cli/error-codes.js';
import { profileFileProblem } from './profile-file.js';

export interface ReadConfigInput {
  /** As given with -f; empty: kmsctl.yaml in `cwd`. */
  files: readonly string[];
  targets: readonly string[];
  region: string | undefined;
  /** `--profile`, whose region_id is the last region fallback. */
  profile: string | undefined;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface ReadConfig {
  loaded: LoadedConfig;
  /** The desired state narrowed to the targets; undefined when any diagnostic is an error. */
  desired: DesiredState | undefined;
  /** The config's diagnostics, and those of unknown targets or an unusable profile file. */
  diagnostics: Diagnostic[];
}

export async function readConfig(input: ReadConfigInput): Promise<ReadConfig> {
  const profileProblem = await profileFileProblem(input.env);
  const env = input.region === undefined ? { ...input.env } : { ...input.env, [REGION_ENV]: input.region };
  const loaded = await loadConfig({
    files: [...input.files],
    cwd: input.cwd,
    env,
    profileRegion: profileProblem === undefined ? await readProfileRegion({ env: input.env, profile: input.profile }) : undefined,
  });
  const diagnostics = [...loaded.diagnostics, ...(profileProblem ? [profileProblem] : [])];
  if (loaded.value === undefined || hasErrors(diagnostics)) return { loaded, desired: undefined, diagnostics };
  const selected = selectTargets(loaded.value, input.targets);
  diagnostics.push(...selected.diagnostics);
  return { loaded, desired: hasErrors(diagnostics) ? undefined : selected.value, diagnostics };
}

/** Keeps only the --target keys; an unknown name is an error with the closest known name. */
export function selectTargets(desired: DesiredState, targets: readonly string[]): { value: DesiredState; diagnostics: Diagnostic[] } {
  if (targets.length === 0) return { value: desired, diagnostics: [] };
  const names = desired.keys.map((key) => key.name);
  const diagnostics: Diagnostic[] = [];
  for (const target of targets) {
    if (names.includes(target)) continue;
    const hint = didYouMean(target, names);
    diagnostics.push(errorDiagnostic(CLI_CODES.unknownTarget, `--target ${target}: no key of that name in the config`, undefined, hint ? `did you mean "${hint}"?` : undefined));
  }
  return { value: { ...desired, keys: desired.keys.filter((key) => targets.includes(key.name)) }, diagnostics };
}
