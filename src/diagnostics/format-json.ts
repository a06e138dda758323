/**
 * The JSON form of diagnostics, for `--json` output and editors: offsets become 1-based line and column
 * here, and only here.
 */
import type { Diagnostic, Severity, SourceRange } from './diagnostic.js';
import type { SourceFiles } from './source-files.js';
import { lineIndexFor, type SourcePosition } from './source-position.js';

export interface JsonLocation {
  file: string;
  /** Absent when the file's text is unknown (e.g. the file could not be read). */
  start?: SourcePosition;
  /** Exclusive: the position just after the last character of the range. */
  end?: SourcePosition;
}

export interface JsonRelated extends JsonLocation {
  message: string;
}

export interface JsonDiagnostic {
  severity: Severity;
  code: string;
  message: string;
  detail?: string;
  file?: string;
  start?: SourcePosition;
  end?: SourcePosition;
  related?: JsonRelated[];
}

/** Resolves a range to positions when the file's text is known; a file-only location otherwise. */
export function locate(source: SourceRange, sources: SourceFiles): JsonLocation {
  const index = lineIndexFor(sources, source.file);
  if (!index) return { file: source.file };
  return { file: source.file, start: index.positionAt(source.start), end: index.positionAt(source.end) };
}

/** Diagnostics as plain JSON-ready objects, in the given order. */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[], sources: SourceFiles): JsonDiagnostic[] {
  return diagnostics.map((d) => {
    const json: JsonDiagnostic = { severity: d.severity, code: d.code, message: d.summary };
    if (d.detail !== undefined) json.detail = d.detail;
    if (d.source) Object.assign(json, locate(d.source, sources));
    if (d.related && d.related.length > 0) {
      json.related = d.related.map((r) => ({ message: r.message, ...locate(r.source, sources) }));
    }
    return json;
  });
}
