/**
 * The one-line form `file:line:col: error: message [code]`, for CI logs and (later) GitHub annotations.
 */
import type { Diagnostic } from './diagnostic.js';
import { displayText } from './display-text.js';
import { locate } from './format-json.js';
import type { SourceFiles } from './source-files.js';

/** One diagnostic on one line; the location part is omitted when there is none. */
export function formatDiagnosticLine(diagnostic: Diagnostic, sources: SourceFiles): string {
  const message = displayText(oneLine(diagnostic.summary));
  const tail = `${diagnostic.severity}: ${message} [${displayText(diagnostic.code)}]`;
  if (!diagnostic.source) return tail;
  const where = locate(diagnostic.source, sources);
  const position = where.start ? `:${where.start.line}:${where.start.column}` : '';
  return `${displayText(where.file)}${position}: ${tail}`;
}

/** Every diagnostic, one per line, with a trailing newline when there is any. */
export function formatDiagnosticsLines(diagnostics: readonly Diagnostic[], sources: SourceFiles): string {
  return diagnostics.map((d) => formatDiagnosticLine(d, sources) + '\n').join('');
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
