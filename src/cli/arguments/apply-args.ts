/** `kmsctl apply`'s arguments, typed: a saved plan or a config to plan, and how to approve. */
import { errorDiagnostic, type Diagnostic, type Result } from '../../diagnostics/diagnostic.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { booleanValue } from './command-line.js';
import { CONFIG_OPTIONS, parseConfigArgs, type ConfigArgs } from './config-args.js';
import { CONNECTION_OPTIONS, parseConnectionArgs, type ConnectionArgs } from './connection-args.js';

export interface ApplyArgs {
  /** A saved plan (`kmsctl plan --out`) to apply exactly; undefined: plan now. */
  planFile: string | undefined;
  config: ConfigArgs;
  connection: ConnectionArgs;
  autoApprove: boolean;
  json: boolean;
  /** Write the IDs of the created versions into the config files. */
  pin: boolean;
}

export const APPLY_OPTIONS: OptionSpec = {
  ...CONFIG_OPTIONS,
  ...CONNECTION_OPTIONS,
  'auto-approve': { type: 'boolean' },
  json: { type: 'boolean' },
  pin: { type: 'boolean' },
};

export function parseApplyArgs(values: OptionValues, positionals: readonly string[]): Result<ApplyArgs> {
  const config = parseConfigArgs(values);
  const connection = parseConnectionArgs(values);
  const diagnostics: Diagnostic[] = [...config.diagnostics, ...connection.diagnostics];
  if (positionals.length > 1) {
    diagnostics.push(errorDiagnostic(CLI_CODES.unexpectedArgument, `kmsctl apply takes at most one plan file, got ${positionals.length} arguments`, undefined, `${positionals.map((p) => JSON.stringify(p)).join(', ')}`));
  }
  const planFile = positionals[0];
  if (planFile !== undefined && config.value && (config.value.files.length > 0 || config.value.targets.length > 0 || config.value.accounts.length > 0 || config.value.region !== undefined)) {
    diagnostics.push(
      errorDiagnostic(CLI_CODES.conflictingFlags, 'a saved plan is applied as it is: -f, --target, --account and --region go with "kmsctl plan --out", not with a plan file'),
    );
  }
  if (!config.value || !connection.value || diagnostics.length > 0) return { value: undefined, diagnostics };
  return {
    value: {
      planFile,
      config: config.value,
      connection: connection.value,
      autoApprove: booleanValue(values, 'auto-approve'),
      json: booleanValue(values, 'json'),
      pin: booleanValue(values, 'pin'),
    },
    diagnostics,
  };
}
