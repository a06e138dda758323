/** `--json` and `--format text|json|markdown`, resolved to one format with a clear error for others. */
import { CliError } from './cli-error.js';
import type { OptionValues } from './command.js';
import { stringValue } from './parse-command-line.js';

export const OUTPUT_FORMATS = ['text', 'json', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function outputFormat(values: OptionValues, allowed: readonly OutputFormat[] = OUTPUT_FORMATS): OutputFormat {
  const format = stringValue(values, 'format');
  if (values.json === true) {
    if (format !== undefined && format !== 'json') throw new CliError('cli.conflicting-flags', `--json and --format ${format} contradict each other`);
    return 'json';
  }
  if (format === undefined) return 'text';
  const match = allowed.find((f) => f === format);
  if (!match) throw new CliError('cli.bad-flag-value', `--format takes ${allowed.join(', ')}; got "${format}"`);
  return match;
}
