/**
 * Diagnostics as GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner
 * turns into annotations on the run and on the pull request's changed lines. Data is escaped as the
 * runner expects (`%`, CR, LF); property values also escape `:` and `,`. Text from a config has its
 * control characters escaped first (display-text.ts): the runner's log renders ANSI sequences.
 */
import type { Diagnostic } from './diagnostic.js';
import { displayText } from './display-text.js';
import { locate } from './format-json.js';
import type { SourceFiles } from './source-files.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title?: string | undefined;
  file?: string | undefined;
  /** 1-based. */
  line?: number | undefined;
  col?: number | undefined;
  endLine?: number | undefined;
  /** 1-based, the last column of the range (inclusive). */
  endColumn?: number | undefined;
}

/** `%`, CR and LF, for a command's message. */
export function escapeAnnotationData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The message escapes plus `:` and `,`, for a property value. */
export function escapeAnnotationProperty(text: string): string {
  return escapeAnnotationData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line, without the line break. */
export function formatAnnotation(annotation: Annotation): string {
  const properties: [string, string | number | undefined][] = [
    ['file', annotation.file],
    ['line', annotation.line],
    ['col', annotation.col],
    ['endLine', annotation.endLine],
    ['endColumn', annotation.endColumn],
    ['title', annotation.title],
  ];
  const props = properties
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([name, value]) => `${name}=${escapeAnnotationProperty(String(value))}`)
    .join(',');
  return `::${annotation.level}${props === '' ? '' : ` ${props}`}::${escapeAnnotationData(annotation.message)}`;
}

/** A diagnostic as an annotation: its range (columns only within one line), its code as the title. */
export function diagnosticAnnotation(diagnostic: Diagnostic, sources: SourceFiles): Annotation {
  const detail = diagnostic.detail ? `\n${diagnostic.detail.split(/\r?\n/).map((line) => displayText(line)).join('\n')}` : '';
  const annotation: Annotation = { level: diagnostic.severity, title: `kmsctl ${displayText(diagnostic.code)}`, message: `${displayText(diagnostic.summary)}${detail}` };
  if (!diagnostic.source) return annotation;
  const where = locate(diagnostic.source, sources);
  annotation.file = displayText(where.file);
  if (!where.start || !where.end) return annotation;
  annotation.line = where.start.line;
  annotation.endLine = where.end.line;
  if (where.end.line === where.start.line) {
    annotation.col = where.start.column;
    annotation.endColumn = Math.max(where.start.column, where.end.column - 1);
  }
  return annotation;
}

/** Every diagnostic as a workflow command line, each ending with a line break. */
export function formatDiagnosticsGithub(diagnostics: readonly Diagnostic[], sources: SourceFiles): string {
  return diagnostics.map((d) => `${formatAnnotation(diagnosticAnnotation(d, sources))}\n`).join('');
}
