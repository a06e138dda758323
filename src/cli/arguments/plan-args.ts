/** `kmsctl plan`'s arguments, typed. */
import { type Diagnostic, type Result } from '../../diagnostics/diagnostic.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { booleanValue, stringValue } from './command-line.js';
import { CONFIG_OPTIONS, parseConfigArgs, type ConfigArgs } from './config-args.js';
import { CONNECTION_OPTIONS, parseConnectionArgs, type ConnectionArgs } from './connection-args.js';
import { outputFormat, type OutputFormat } from './output-args.js';

export interface PlanArgs {
  config: ConfigArgs;
  connection: ConnectionArgs;
  format: OutputFormat;
  /** Also save the plan here (`--out`). */
  out: string | undefined;
  /** Also write the Markdown plan here (`--markdown-out`). */
  markdownOut: string | undefined;
  detailedExitcode: boolean;
  failOnDrift: boolean;
}

export const PLAN_OPTIONS: OptionSpec = {
  ...CONFIG_OPTIONS,
  ...CONNECTION_OPTIONS,
  out: { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  'markdown-out': { type: 'string' },
  'detailed-exitcode': { type: 'boolean' },
  'fail-on-drift': { type: 'boolean' },
};

export function parsePlanArgs(values: OptionValues): Result<PlanArgs> {
  const config = parseConfigArgs(values);
  const connection = parseConnectionArgs(values);
  const diagnostics: Diagnostic[] = [...config.diagnostics, ...connection.diagnostics];
  const format = outputFormat(values, diagnostics);
  if (!config.value || !connection.value || diagnostics.length > 0) return { value: undefined, diagnostics };
  return {
    value: {
      config: config.value,
      connection: connection.value,
      format,
      out: stringValue(values, 'out'),
      markdownOut: stringValue(values, 'markdown-out'),
      detailedExitcode: booleanValue(values, 'detailed-exitcode'),
      failOnDrift: booleanValue(values, 'fail-on-drift'),
    },
    diagnostics,
  };
}
