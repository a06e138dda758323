/**
 * The failure that ends a command, as data: a code (error-codes.ts, or the client's and config's own),
 * a message, what to do, the service's code and request ID when an answer explains it, and the
 * diagnostics behind it. Views render it as `error[code]: message` or as the failure document.
 */
import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFiles } from '../../diagnostics/source-files.js';
import { AccountCredentialsError, KmsApiError, KmsConfigError, KmsTransportError } from '../../kms/errors.js';
import { CliError, EXIT } from '../cli-error.js';
import { CLI_CODES } from '../error-codes.js';
import { hintFor } from './failure-hints.js';

export interface Failure {
  code: string;
  message: string;
  detail: string | undefined;
  apiCode: string | undefined;
  requestId: string | undefined;
  exitCode: number;
  /** What explains the failure: config errors with positions, the keys of a stale plan, ... */
  diagnostics: Diagnostic[];
  sources: SourceFiles;
}

export function failure(code: string, message: string, options: Partial<Omit<Failure, 'code' | 'message'>> = {}): Failure {
  return {
    code,
    message,
    detail: options.detail,
    apiCode: options.apiCode,
    requestId: options.requestId,
    exitCode: options.exitCode ?? EXIT.error,
    diagnostics: options.diagnostics ?? [],
    sources: options.sources ?? new Map(),
  };
}

/** Flag or argument mistakes: the first is the failure, every one is listed. */
export function failureFromDiagnostics(diagnostics: readonly Diagnostic[]): Failure {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0] ?? errorDiagnostic(CLI_CODES.internal, 'no diagnostic');
  return failure(first.code, first.summary, { detail: first.detail, diagnostics: errors.slice(1) });
}

/** Any error that reached the top of a command. API and transport errors name the action, key and request ID; none carries a secret. */
export function failureOf(error: unknown, debug: boolean): Failure {
  if (error instanceof CliError) return failure(error.code, error.message, { detail: error.detail, exitCode: error.exitCode });
  // A role that cannot be assumed names STS's code and request ID: the failure document carries both.
  if (error instanceof AccountCredentialsError) return failure(error.code, error.message, { apiCode: error.stsCode, requestId: error.requestId });
  if (error instanceof KmsConfigError) return failure(error.code, error.message);
  if (error instanceof KmsApiError) {
    const detail = [hintFor(error.code), error.recommend ? `see ${error.recommend}` : undefined].filter((d) => d !== undefined).join('\n');
    return failure(CLI_CODES.kmsApiError, error.message, { detail: detail === '' ? undefined : detail, apiCode: error.code, requestId: error.requestId || undefined });
  }
  if (error instanceof KmsTransportError) return failure(CLI_CODES.kmsTransport, error.message, { detail: hintFor(`transport.${error.kind}`), apiCode: `transport.${error.kind}` });
  const text = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? error.stack : 'run with --debug for the stack trace';
  return failure(CLI_CODES.internal, `internal error, this is a bug in kmsctl: ${text}`, { detail: stack });
}
