/**
 * A user mistake or finding, kept as data until the formatter turns it into `file:line:col` text or
 * JSON. Ranges are character offsets into the file's text, so the source position survives every stage.
 */

export type Severity = 'error' | 'warning';

export interface SourceRange {
  /** Path as the user gave it (relative paths stay relative). */
  file: string;
  /** Offsets into the file's text, start inclusive, end exclusive. */
  start: number;
  end: number;
}

/** A second place a diagnostic refers to, e.g. where a duplicated name was first declared. */
export interface RelatedLocation {
  message: string;
  source: SourceRange;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable, dotted code, e.g. `config.unknown-field`; tests assert on it, not on wording. */
  code: string;
  summary: string;
  detail?: string | undefined;
  source?: SourceRange | undefined;
  /** Other places that explain this one (shown as notes); optional. */
  related?: RelatedLocation[] | undefined;
}

export interface Result<T> {
  value: T | undefined;
  diagnostics: Diagnostic[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function errorDiagnostic(code: string, summary: string, source?: SourceRange, detail?: string): Diagnostic {
  return { severity: 'error', code, summary, detail, source };
}

export function warningDiagnostic(code: string, summary: string, source?: SourceRange, detail?: string): Diagnostic {
  return { severity: 'warning', code, summary, detail, source };
}
