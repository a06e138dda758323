/** `--json` and `--format text|json|markdown`, resolved to one format with a diagnostic for anything else. */
import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { OptionValues } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { stringValue } from './command-line.js';

export const OUTPUT_FORMATS = ['text', 'json', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function outputFormat(values: OptionValues, diagnostics: Diagnostic[], allowed: readonly OutputFormat[] = OUTPUT_FORMATS): OutputFormat {
  const format = stringValue(values, 'format');
  if (values.json === true) {
    if (format !== undefined && format !== 'json') diagnostics.push(errorDiagnostic(CLI_CODES.conflictingFlags, `--json and --format ${format} contradict each other`));
    return 'json';
  }
  if (format === undefined) return 'text';
  const match = allowed.find((f) => f === format);
  if (match === undefined) {
    diagnostics.push(errorDiagnostic(CLI_CODES.badFlagValue, `--format takes ${allowed.join(', ')}, got ${JSON.stringify(format)}`));
    return 'text';
  }
  return match;
}
