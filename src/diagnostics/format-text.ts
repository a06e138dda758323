/**
 * The human form of diagnostics: a header with the code, the `--> file:line:col` location, the offending
 * line with a caret underline, the detail, and notes for related places. Colour is opt-in.
 */
import type { Diagnostic, Severity, SourceRange } from './diagnostic.js';
import type { SourceFiles } from './source-files.js';
import { lineIndexFor, type LineIndex } from './source-position.js';

export interface TextFormatOptions {
  /** ANSI colours; when false the output has no escape sequences at all. */
  color: boolean;
}

interface Palette {
  severity(severity: Severity | 'note', text: string): string;
  gutter(text: string): string;
  bold(text: string): string;
}

const ESC = '\u001b[';
const COLOR_PALETTE: Palette = {
  severity: (severity, text) => `${ESC}${severity === 'error' ? '1;31' : severity === 'warning' ? '1;33' : '1;36'}m${text}${ESC}0m`,
  gutter: (text) => `${ESC}1;34m${text}${ESC}0m`,
  bold: (text) => `${ESC}1m${text}${ESC}0m`,
};
const PLAIN_PALETTE: Palette = { severity: (_s, text) => text, gutter: (text) => text, bold: (text) => text };

/** A place to show: its location line and, when the text is known, a snippet. */
interface Shown {
  source: SourceRange;
  index: LineIndex | undefined;
  line: number;
  column: number;
}

/** All diagnostics, each as a block, blocks separated by a blank line; ends with a newline when non-empty. */
export function formatDiagnosticsText(
  diagnostics: readonly Diagnostic[],
  sources: SourceFiles,
  options: TextFormatOptions,
): string {
  return diagnostics.map((d) => formatDiagnosticText(d, sources, options)).join('\n');
}

/** One diagnostic as a block of lines ending with a newline. */
export function formatDiagnosticText(diagnostic: Diagnostic, sources: SourceFiles, options: TextFormatOptions): string {
  const palette = options.color ? COLOR_PALETTE : PLAIN_PALETTE;
  const main = diagnostic.source ? show(diagnostic.source, sources) : undefined;
  const notes = (diagnostic.related ?? []).map((r) => ({ message: r.message, shown: show(r.source, sources) }));
  const lineNumbers = [main, ...notes.map((n) => n.shown)].filter((s) => s?.index).map((s) => s!.line);
  const width = Math.max(1, ...lineNumbers.map((n) => String(n).length));

  const out: string[] = [];
  out.push(`${palette.severity(diagnostic.severity, `${diagnostic.severity}[${diagnostic.code}]`)}${palette.bold(`: ${diagnostic.summary}`)}`);
  if (main) out.push(...snippet(main, width, '^', diagnostic.severity, palette));
  if (diagnostic.detail !== undefined && diagnostic.detail !== '') {
    const [first, ...rest] = diagnostic.detail.split(/\r?\n/);
    out.push(`${' '.repeat(width + 1)}${palette.gutter('=')} ${first}`);
    for (const line of rest) out.push(`${' '.repeat(width + 3)}${line}`);
  }
  for (const note of notes) {
    out.push(`${palette.severity('note', 'note')}: ${note.message}`);
    out.push(...snippet(note.shown, width, '-', 'note', palette));
  }
  return out.join('\n') + '\n';
}

function show(source: SourceRange, sources: SourceFiles): Shown {
  const index = lineIndexFor(sources, source.file);
  const start = index?.positionAt(source.start);
  return { source, index, line: start?.line ?? 0, column: start?.column ?? 0 };
}

/** The location line, and when the text is known the offending line with its underline. */
function snippet(shown: Shown, width: number, mark: string, severity: Severity | 'note', palette: Palette): string[] {
  const arrow = `${' '.repeat(width)}${palette.gutter('-->')} `;
  if (!shown.index) return [`${arrow}${shown.source.file}`];
  const { index, line, column } = shown;
  const text = index.lineText(line);
  const end = index.positionAt(shown.source.end);
  // A range spanning lines is underlined up to the end of its first line.
  const lastColumn = end.line === line ? end.column : text.length + 1;
  const length = Math.max(1, lastColumn - column);
  // Keep tabs in the padding so the caret lines up however the terminal expands them.
  const padding = text.slice(0, column - 1).replace(/[^\t]/g, ' ');
  const bar = `${' '.repeat(width + 1)}${palette.gutter('|')}`;
  return [
    `${arrow}${shown.source.file}:${line}:${column}`,
    bar,
    `${palette.gutter(`${String(line).padStart(width)} |`)}${text === '' ? '' : ` ${text}`}`,
    `${bar} ${padding}${palette.severity(severity, mark.repeat(length))}`,
  ];
}
