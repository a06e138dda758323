/**
 * An expected failure that ends a command: a code from error-codes.ts, a message that quotes the bad
 * value, and optionally a detail (what to do). main.ts shows it through the command's view as
 * `error[code]: message` (text) or the failure document (JSON).
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;
  readonly code: string;
  readonly detail: string | undefined;
  constructor(code: string, message: string, exitCode: number = EXIT.error, detail?: string) {
    super(message);
    this.code = code;
    this.exitCode = exitCode;
    this.detail = detail;
  }
}

/** Exit codes, decided here and nowhere else. */
export const EXIT = {
  ok: 0,
  error: 1,
  /** `plan --detailed-exitcode`: something to create and no errors. */
  changes: 2,
  /** Interrupted by SIGINT/SIGTERM, or Ctrl-C / Ctrl-D at the approval prompt. */
  interrupted: 130,
} as const;
