/** `kmsctl doctor`'s arguments, typed. */
import type { Diagnostic, Result } from '../../diagnostics/diagnostic.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { booleanValue } from './command-line.js';
import { ACCOUNT_OPTION, FILE_OPTION, parseConfigArgs, type ConfigArgs } from './config-args.js';
import { CONNECTION_OPTIONS, parseConnectionArgs, type ConnectionArgs } from './connection-args.js';

export interface DoctorArgs {
  config: ConfigArgs;
  connection: ConnectionArgs;
  json: boolean;
}

export const DOCTOR_OPTIONS: OptionSpec = { ...FILE_OPTION, ...ACCOUNT_OPTION, region: { type: 'string' }, json: { type: 'boolean' }, ...CONNECTION_OPTIONS };

export function parseDoctorArgs(values: OptionValues): Result<DoctorArgs> {
  const config = parseConfigArgs(values);
  const connection = parseConnectionArgs(values);
  const diagnostics: Diagnostic[] = [...config.diagnostics, ...connection.diagnostics];
  if (!config.value || !connection.value) return { value: undefined, diagnostics };
  return { value: { config: config.value, connection: connection.value, json: booleanValue(values, 'json') }, diagnostics };
}
