/** `kmsctl validate`'s arguments, typed. */
import type { Diagnostic, Result } from '../../diagnostics/diagnostic.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { booleanValue, stringValue } from './command-line.js';
import { FILE_OPTION, parseConfigArgs, type ConfigArgs } from './config-args.js';

export interface ValidateArgs {
  config: ConfigArgs;
  /** The CLI profile whose region_id is the last region fallback. */
  profile: string | undefined;
  json: boolean;
}

export const VALIDATE_OPTIONS: OptionSpec = { ...FILE_OPTION, region: { type: 'string' }, profile: { type: 'string' }, json: { type: 'boolean' } };

export function parseValidateArgs(values: OptionValues): Result<ValidateArgs> {
  const config = parseConfigArgs(values);
  const diagnostics: Diagnostic[] = [...config.diagnostics];
  if (!config.value) return { value: undefined, diagnostics };
  return { value: { config: config.value, profile: stringValue(values, 'profile'), json: booleanValue(values, 'json') }, diagnostics };
}
