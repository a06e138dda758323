/**
 * The flags that say which config to read and which keys of it: `-f/--file` (repeatable; `-` reads
 * standard input), `--target` and `--account` (repeatable, both narrowing) and `--region`, parsed once
 * into ConfigArgs for every command that reads a config.
 */
import { isRegionId } from '../../config/identifiers.js';
import { errorDiagnostic, type Diagnostic, type Result } from '../../diagnostics/diagnostic.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { listValue, stringValue } from './command-line.js';

export interface ConfigArgs {
  /** Files and directories as given; empty: the default config file of the working directory. */
  files: string[];
  /** Only these keys (logical names); empty: every key. */
  targets: string[];
  /** Only the keys of these accounts (names of the config's `accounts:`); empty: every key. */
  accounts: string[];
  /** The region of keys that set none, neither on the key nor in `defaults.region`. */
  region: string | undefined;
}

export const FILE_OPTION: OptionSpec = { file: { type: 'string', short: 'f', multiple: true } };
export const ACCOUNT_OPTION: OptionSpec = { account: { type: 'string', multiple: true } };
export const CONFIG_OPTIONS: OptionSpec = { ...FILE_OPTION, target: { type: 'string', multiple: true }, ...ACCOUNT_OPTION, region: { type: 'string' } };

export const FILE_HELP = `  -f, --file PATH       a config file or a directory of *.yaml files (repeatable; default kmsctl.yaml,
                        else kmsctl.yml; - reads the config from standard input)`;
export const ACCOUNT_HELP = `  --account NAME        only the keys of this account of the config's accounts: (repeatable); shards a
                        large fleet over the jobs of a CI matrix`;
export const REGION_HELP = `  --region REGION       the region of keys that name none, neither on the key nor in defaults.region
                        (it replaces ALIBABA_CLOUD_REGION_ID and the CLI profile's region_id)`;

export const CONFIG_HELP = `Config:
${FILE_HELP}
  --target NAME         only the key with this logical name (repeatable)
${ACCOUNT_HELP}
${REGION_HELP}`;

/** `-f` and `--region` (and `--target` and `--account` when the command takes them). */
export function parseConfigArgs(values: OptionValues): Result<ConfigArgs> {
  const diagnostics: Diagnostic[] = [];
  const files = listValue(values, 'file');
  const region = regionValue(values, diagnostics);
  return { value: diagnostics.length > 0 ? undefined : { files, targets: listValue(values, 'target'), accounts: listValue(values, 'account'), region }, diagnostics };
}

/** `--region`, checked for the shape of a region ID (the config's regions are checked by the config layer). */
export function regionValue(values: OptionValues, diagnostics: Diagnostic[]): string | undefined {
  const region = stringValue(values, 'region');
  if (region === undefined || region === '') return undefined;
  if (!isRegionId(region)) {
    diagnostics.push(errorDiagnostic(CLI_CODES.badFlagValue, `--region takes a region ID such as cn-hangzhou or ap-southeast-1, got ${JSON.stringify(region)}`));
    return undefined;
  }
  return region;
}
