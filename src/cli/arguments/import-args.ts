/** `kmsctl import`'s arguments, typed. */
import { errorDiagnostic, type Diagnostic, type Result } from '../../diagnostics/diagnostic.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { listValue, stringValue } from './command-line.js';
import { FILE_OPTION, regionValue } from './config-args.js';
import { CONNECTION_OPTIONS, parseConnectionArgs, type ConnectionArgs } from './connection-args.js';

export interface ImportArgs {
  /** Key IDs or aliases, as given. */
  keys: string[];
  region: string | undefined;
  name: string | undefined;
  /** An account of the config (`-f`, else kmsctl.yaml) to read the keys in, written as their `account:`. */
  account: string | undefined;
  /** The config that declares `account` (empty: the default config file). */
  files: string[];
  connection: ConnectionArgs;
}

export const IMPORT_USAGE = 'kmsctl import KEY... [--region REGION] [--name NAME] [--account NAME [-f FILE]...]';
export const IMPORT_OPTIONS: OptionSpec = { ...CONNECTION_OPTIONS, ...FILE_OPTION, region: { type: 'string' }, name: { type: 'string' }, account: { type: 'string' } };

export function parseImportArgs(values: OptionValues, positionals: readonly string[]): Result<ImportArgs> {
  const connection = parseConnectionArgs(values);
  const diagnostics: Diagnostic[] = [...connection.diagnostics];
  const region = regionValue(values, diagnostics);
  const name = stringValue(values, 'name');
  const account = stringValue(values, 'account');
  const files = listValue(values, 'file');
  if (positionals.length === 0) diagnostics.push(errorDiagnostic(CLI_CODES.missingArgument, 'kmsctl import needs at least one key ID or alias', undefined, `usage: ${IMPORT_USAGE}`));
  if (name !== undefined && positionals.length > 1) diagnostics.push(errorDiagnostic(CLI_CODES.conflictingFlags, '--name names one key; import several keys without it'));
  if (files.length > 0 && account === undefined) diagnostics.push(errorDiagnostic(CLI_CODES.conflictingFlags, '-f names the config whose account --account reads the keys in; give --account NAME with it'));
  if (!connection.value || diagnostics.length > 0) return { value: undefined, diagnostics };
  return { value: { keys: [...positionals], region, name, account, files, connection: connection.value }, diagnostics };
}
