/**
 * Turns any error that reaches the top of a command into one message and an exit code. API and
 * transport errors name the action, the key and the request ID; none of them carries a secret.
 */
import { KmsApiError, KmsConfigError, KmsTransportError } from '../kms/errors.js';
import { CliError, EXIT } from './cli-error.js';

export interface Failure {
  message: string;
  exitCode: number;
}

export function describeFailure(error: unknown, debug: boolean): Failure {
  if (error instanceof CliError) return { message: `Error: ${error.message}`, exitCode: error.exitCode };
  if (error instanceof KmsConfigError) return { message: `Error: ${error.message}`, exitCode: EXIT.error };
  if (error instanceof KmsApiError) {
    const recommend = error.recommend ? `\n  See: ${error.recommend}` : '';
    return { message: `Error: ${error.message}${recommend}`, exitCode: EXIT.error };
  }
  if (error instanceof KmsTransportError) return { message: `Error: ${error.message}`, exitCode: EXIT.error };
  const text = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '\n(run with --debug for the stack trace)';
  return { message: `Error: internal error, this is a bug in kmsctl: ${text}${stack}`, exitCode: EXIT.error };
}
