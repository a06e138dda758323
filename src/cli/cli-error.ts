/** An expected failure a command reports with a message and an exit code (no stack trace). */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;
  readonly code: string;
  constructor(code: string, message: string, exitCode = 1) {
    super(message);
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Exit codes, decided here and nowhere else. */
export const EXIT = {
  ok: 0,
  error: 1,
  /** `plan --detailed-exitcode`: something to create and no errors. */
  changes: 2,
  /** Interrupted by SIGINT/SIGTERM. */
  interrupted: 130,
} as const;
