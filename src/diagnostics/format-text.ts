/**
 * The human form of diagnostics: a header with the code, the `--> file:line:col` location, the offending
 * line with a caret underline, the detail, and notes for related places. Colour is opt-in. Everything
 * echoed from a config (source lines, values in messages, file names) has its control characters
 * escaped, and a long source line is shown as a window around the range (source-snippet.ts).
 */
import { createStyle } from '../style.js';
import type { Diagnostic, Severity, SourceRange } from './diagnostic.js';
import { displayText } from './display-text.js';
import type { SourceFiles } from './source-files.js';
import { lineIndexFor, type LineIndex } from './source-position.js';
import { snippetLine } from './source-snippet.js';

export interface TextFormatOptions {
  /** ANSI colours; when false the output has no escape sequences at all. */
  color: boolean;
}

interface Palette {
  severity(severity: Severity | 'note', text: string): string;
  gutter(text: string): string;
  bold(text: string): string;
}

/** The diagnostics' colours, painted through the one style module (src/style.ts). */
function paletteOf(color: boolean): Palette {
  const style = createStyle(color);
  return {
    severity: (severity, text) => style.bold(severity === 'error' ? style.red(text) : severity === 'warning' ? style.yellow(text) : style.cyan(text)),
    gutter: (text) => style.bold(style.blue(text)),
    bold: (text) => style.bold(text),
  };
}

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
  const palette = paletteOf(options.color);
  const main = diagnostic.source ? show(diagnostic.source, sources) : undefined;
  const notes = (diagnostic.related ?? []).map((r) => ({ message: r.message, shown: show(r.source, sources) }));
  const lineNumbers = [main, ...notes.map((n) => n.shown)].filter((s) => s?.index).map((s) => s!.line);
  const width = Math.max(1, ...lineNumbers.map((n) => String(n).length));

  const out: string[] = [];
  out.push(`${palette.severity(diagnostic.severity, `${diagnostic.severity}[${displayText(diagnostic.code)}]`)}${palette.bold(`: ${displayText(diagnostic.summary)}`)}`);
  if (main) out.push(...snippet(main, width, '^', diagnostic.severity, palette));
  if (diagnostic.detail !== undefined && diagnostic.detail !== '') {
    const [first, ...rest] = diagnostic.detail.split(/\r?\n/).map((line) => displayText(line));
    out.push(`${' '.repeat(width + 1)}${palette.gutter('=')} ${first}`);
    for (const line of rest) out.push(`${' '.repeat(width + 3)}${line}`);
  }
  for (const note of notes) {
    out.push(`${palette.severity('note', 'note')}: ${displayText(note.message)}`);
    out.push(...snippet(note.shown, width, '-', 'note', palette));
  }
  return out.join('\n') + '\n';
}

function show(source: SourceRange, sources: SourceFiles): Shown {
  const index = lineIndexFor(sources, source.file);
  const start = index?.positionAt(source.start);
  return { source, index, line: start?.line ?? 0, column: start?.column ?? 0 };
}

/** The location line, and when the text is known the offending line (or a window of it) with its underline. */
function snippet(shown: Shown, width: number, mark: string, severity: Severity | 'note', palette: Palette): string[] {
  const arrow = `${' '.repeat(width)}${palette.gutter('-->')} `;
  const file = displayText(shown.source.file);
  if (!shown.index) return [`${arrow}${file}`];
  const { index, line, column } = shown;
  const text = index.lineText(line);
  const end = index.positionAt(shown.source.end);
  // A range spanning lines is underlined up to the end of its first line.
  const shownLine = snippetLine(text, column - 1, end.line === line ? end.column - 1 : text.length);
  const bar = `${' '.repeat(width + 1)}${palette.gutter('|')}`;
  return [
    `${arrow}${file}:${line}:${column}`,
    bar,
    `${palette.gutter(`${String(line).padStart(width)} |`)}${shownLine.text === '' ? '' : ` ${shownLine.text}`}`,
    `${bar} ${shownLine.padding}${palette.severity(severity, mark.repeat(shownLine.marks))}`,
  ];
}
