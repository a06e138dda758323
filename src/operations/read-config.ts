/**
 * The first stage of every command that reads a config: load and validate it (from files, or from
 * standard input for `-f -`), then narrow it to the --target keys and the --account accounts.
 * `--region` fills the region of keys that set none, neither on the key nor in their file's
 * `defaults.region`: it takes the place of ALIBABA_CLOUD_REGION_ID, so it can never move a key that
 * names its region. Returns diagnostics; never prints and never throws for a user mistake.
 */
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import type { DesiredState } from '../config/desired-state.js';
import { STDIN_PATH } from '../config/read-config-files.js';
import { readConfigStream, STDIN_NAME } from '../config/read-config-stream.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { readProfileRegion } from '../kms/aliyun-cli-config.js';
import { profileFileProblem } from './profile-file.js';
import { selectAccounts, selectTargets } from './select-keys.js';

export interface ReadConfigInput {
  /** As given with -f (`-` for standard input); empty: kmsctl.yaml, else kmsctl.yml, in `cwd`. */
  files: readonly string[];
  targets: readonly string[];
  /** `--account`: only the keys of these accounts; empty: every key. */
  accounts?: readonly string[] | undefined;
  region: string | undefined;
  /** `--profile`, whose region_id is the last region fallback. */
  profile: string | undefined;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Standard input, read only when `files` holds `-`. */
  stdin?: AsyncIterable<Uint8Array | string> | undefined;
}

export interface ReadConfig {
  loaded: LoadedConfig;
  /** The desired state narrowed to the targets and accounts; undefined when any diagnostic is an error. */
  desired: DesiredState | undefined;
  /** The config's diagnostics (at most the loader's cap), and an unusable profile file's. */
  diagnostics: Diagnostic[];
  /** Every error of `diagnostics`, also those beyond the cap of shown diagnostics. */
  errorCount: number;
  /** A --target or --account the config does not have (the config itself may be fine). */
  selection: Diagnostic[];
  /** Whether the config was read from standard input (then no command can write it back). */
  fromStdin: boolean;
}

export async function readConfig(input: ReadConfigInput): Promise<ReadConfig> {
  const profileProblem = await profileFileProblem(input.env);
  const fromStdin = input.files.includes(STDIN_PATH);
  const stdin = fromStdin && input.stdin !== undefined ? { name: STDIN_NAME, text: await readConfigStream(input.stdin) } : undefined;
  const loaded = await loadConfig({
    files: [...input.files],
    cwd: input.cwd,
    env: input.env,
    regionFlag: input.region,
    profileRegion: profileProblem === undefined ? await readProfileRegion({ env: input.env, profile: input.profile }) : undefined,
    stdin,
  });
  const diagnostics = [...loaded.diagnostics, ...(profileProblem ? [profileProblem] : [])];
  const count = (): number => loaded.counts.errors + diagnostics.slice(loaded.diagnostics.length).filter((d) => d.severity === 'error').length;
  if (loaded.value === undefined || hasErrors(diagnostics)) return { loaded, desired: undefined, diagnostics, errorCount: count(), selection: [], fromStdin };
  const targeted = selectTargets(loaded.value, input.targets);
  const selected = selectAccounts(targeted.value, input.accounts ?? []);
  const selection = [...targeted.diagnostics, ...selected.diagnostics];
  return { loaded, desired: hasErrors(selection) ? undefined : selected.value, diagnostics, errorCount: count(), selection, fromStdin };
}
