/**
 * What every command's view does alike: config diagnostics (stderr in text, kept for the document in
 * JSON), warnings, and the failure that ends a run: `error[code]: message` with what to do, or with
 * --json exactly one failure document on stdout (schemas/error.schema.json), whatever went wrong.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnosticsToJson } from '../../diagnostics/format-json.js';
import { formatDiagnosticsText } from '../../diagnostics/format-text.js';
import type { SourceFiles } from '../../diagnostics/source-files.js';
import { JSON_FORMAT_VERSION } from '../../render/json-format.js';
import { KMSCTL_VERSION } from '../../version.js';
import type { Output } from '../command.js';
import { annotateDiagnostics } from '../github-actions.js';
import type { Failure } from './failure.js';
import type { Terminal } from './terminal.js';

export type ViewMode = 'human' | 'json';

export interface FailureDocument {
  format_version: string;
  kmsctl_version: string;
  command: string | null;
  error: { code: string; message: string; detail: string | null; api_code: string | null; request_id: string | null };
  diagnostics: ReturnType<typeof diagnosticsToJson>;
}

export class CommandView {
  readonly term: Terminal;
  readonly command: string | undefined;
  readonly mode: ViewMode;
  /** Whether stdout carries a document (JSON or Markdown), so annotations go to stderr. */
  readonly documentOnStdout: boolean;
  readonly #kept: { diagnostics: Diagnostic[]; sources: Map<string, string> } = { diagnostics: [], sources: new Map() };

  constructor(term: Terminal, command: string | undefined, mode: ViewMode, documentOnStdout = mode === 'json') {
    this.term = term;
    this.command = command;
    this.mode = mode;
    this.documentOnStdout = documentOnStdout;
  }

  /** Where GitHub annotations go. */
  get annotations(): Output {
    return this.documentOnStdout ? this.term.err : this.term.out;
  }

  /** Config diagnostics: shown now in text (stderr), kept for a failure document in JSON; annotated under GitHub Actions. */
  diagnostics(diagnostics: readonly Diagnostic[], sources: SourceFiles): void {
    if (diagnostics.length === 0) return;
    for (const [file, text] of sources) this.#kept.sources.set(file, text);
    this.#kept.diagnostics.push(...diagnostics);
    if (this.mode === 'human') this.term.err.write(formatDiagnosticsText(diagnostics, sources, { color: this.term.errColor }));
    else if (!diagnostics.some((d) => d.severity === 'error')) this.term.err.write(formatDiagnosticsText(diagnostics, sources, { color: this.term.errColor }));
    annotateDiagnostics(this.annotations, this.term.env, diagnostics, sources);
  }

  warning(text: string): void {
    this.term.err.write(`${this.term.errStyle.yellow('warning')}: ${text}\n`);
  }

  /** Shows the failure and returns its exit code. */
  failure(failure: Failure): number {
    if (this.mode === 'json') {
      this.term.out.write(`${JSON.stringify(this.failureDocument(failure), null, 2)}\n`);
      return failure.exitCode;
    }
    if (failure.diagnostics.length > 0) this.term.err.write(`${formatDiagnosticsText(failure.diagnostics, failure.sources, { color: this.term.errColor })}\n`);
    const main: Diagnostic = { severity: 'error', code: failure.code, summary: failure.message, detail: failureDetail(failure) };
    this.term.err.write(formatDiagnosticsText([main], new Map(), { color: this.term.errColor }));
    return failure.exitCode;
  }

  failureDocument(failure: Failure): FailureDocument {
    const sources = new Map([...this.#kept.sources, ...failure.sources]);
    return {
      format_version: JSON_FORMAT_VERSION,
      kmsctl_version: KMSCTL_VERSION,
      command: this.command ?? null,
      error: { code: failure.code, message: failure.message, detail: failure.detail ?? null, api_code: failure.apiCode ?? null, request_id: failure.requestId ?? null },
      diagnostics: diagnosticsToJson([...this.#kept.diagnostics, ...failure.diagnostics], sources),
    };
  }
}

function failureDetail(failure: Failure): string | undefined {
  const ids = [failure.apiCode !== undefined && !failure.message.includes(failure.apiCode) ? `service code ${failure.apiCode}` : undefined, failure.requestId !== undefined && !failure.message.includes(failure.requestId) ? `RequestId ${failure.requestId}` : undefined].filter((p) => p !== undefined);
  const lines = [ids.length > 0 ? ids.join(', ') : undefined, failure.detail].filter((p) => p !== undefined && p !== '');
  return lines.length > 0 ? lines.join('\n') : undefined;
}
