/** `kmsctl report`'s arguments, typed: which keys, and where the page and its figures go. */
import type { Diagnostic, Result } from '../../diagnostics/diagnostic.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { booleanValue, stringValue } from './command-line.js';
import { CONFIG_OPTIONS, parseConfigArgs, type ConfigArgs } from './config-args.js';
import { CONNECTION_OPTIONS, parseConnectionArgs, type ConnectionArgs } from './connection-args.js';

/** Where the page goes when --out is not given: the working directory, a name that says what it is. */
export const DEFAULT_REPORT_FILE = 'kmsctl-report.html';

export interface ReportArgs {
  config: ConfigArgs;
  connection: ConnectionArgs;
  /** The HTML page. */
  out: string;
  /** The JSON figures: --json-out, else the page's name with `.json`. */
  jsonOut: string;
  json: boolean;
}

export const REPORT_OPTIONS: OptionSpec = { ...CONFIG_OPTIONS, ...CONNECTION_OPTIONS, out: { type: 'string' }, 'json-out': { type: 'string' }, json: { type: 'boolean' } };

export function parseReportArgs(values: OptionValues): Result<ReportArgs> {
  const config = parseConfigArgs(values);
  const connection = parseConnectionArgs(values);
  const diagnostics: Diagnostic[] = [...config.diagnostics, ...connection.diagnostics];
  if (!config.value || !connection.value) return { value: undefined, diagnostics };
  const out = stringValue(values, 'out') ?? DEFAULT_REPORT_FILE;
  const jsonOut = stringValue(values, 'json-out') ?? `${out.replace(/\.html?$/i, '')}.json`;
  return { value: { config: config.value, connection: connection.value, out, jsonOut, json: booleanValue(values, 'json') }, diagnostics };
}
