/** `kmsctl show`'s arguments, typed. */
import type { Diagnostic, Result } from '../../diagnostics/diagnostic.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { booleanValue } from './command-line.js';
import { CONFIG_OPTIONS, parseConfigArgs, type ConfigArgs } from './config-args.js';
import { CONNECTION_OPTIONS, parseConnectionArgs, type ConnectionArgs } from './connection-args.js';

export interface ShowArgs {
  config: ConfigArgs;
  connection: ConnectionArgs;
  json: boolean;
}

export const SHOW_OPTIONS: OptionSpec = { ...CONFIG_OPTIONS, ...CONNECTION_OPTIONS, json: { type: 'boolean' } };

export function parseShowArgs(values: OptionValues): Result<ShowArgs> {
  const config = parseConfigArgs(values);
  const connection = parseConnectionArgs(values);
  const diagnostics: Diagnostic[] = [...config.diagnostics, ...connection.diagnostics];
  if (!config.value || !connection.value) return { value: undefined, diagnostics };
  return { value: { config: config.value, connection: connection.value, json: booleanValue(values, 'json') }, diagnostics };
}
