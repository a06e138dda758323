/** `kmsctl fmt`'s arguments, typed. */
import type { Diagnostic, Result } from '../../diagnostics/diagnostic.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { booleanValue } from './command-line.js';
import { FILE_OPTION, parseConfigArgs } from './config-args.js';

export interface FmtArgs {
  files: string[];
  check: boolean;
  diff: boolean;
}

export const FMT_OPTIONS: OptionSpec = { ...FILE_OPTION, check: { type: 'boolean' }, diff: { type: 'boolean' } };

export function parseFmtArgs(values: OptionValues): Result<FmtArgs> {
  const config = parseConfigArgs(values);
  const diagnostics: Diagnostic[] = [...config.diagnostics];
  if (!config.value) return { value: undefined, diagnostics };
  return { value: { files: config.value.files, check: booleanValue(values, 'check'), diff: booleanValue(values, 'diff') }, diagnostics };
}
