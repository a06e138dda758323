/**
 * The shape every subcommand has. A command parses nothing itself: main.ts parses its flags with
 * node:util parseArgs (strict, so unknown flags are errors) and hands it the values. A command returns
 * its exit code or throws a CliError; it never calls process.exit.
 */
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed values: strings, booleans, and arrays of strings for `multiple` options. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface Output {
  write(text: string): void;
  /**
   * Resolves once the stream has taken what was written: a pipe takes output more slowly than a plan
   * of 10,000 keys makes it, and what it has not taken yet is held in memory. Absent: no waiting needed.
   */
  drained?(): Promise<void>;
  /** True when the stream is a terminal (colours, live progress, prompts). */
  isTTY: boolean;
}

export interface CommandContext {
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Reads one line from the terminal, or undefined when standard input is not a terminal. */
  prompt: ((question: string) => Promise<string>) | undefined;
  /** Aborted on SIGINT/SIGTERM: long commands stop starting new work and report what was done. */
  signal: AbortSignal;
  /** Global `--debug`: stack traces and request logs (never secrets). */
  debug: boolean;
}

export interface Command {
  /** As listed in command-table.ts, which also holds its one-line summary. */
  name: string;
  /** The usage line, e.g. `kmsctl plan [-f FILE]... [--out FILE]`. */
  usage: string;
  /** Help text after the usage line: options and examples. */
  help: string;
  options: OptionSpec;
  /** Whether positional arguments are accepted. */
  allowPositionals: boolean;
  run(values: OptionValues, positionals: string[], ctx: CommandContext): Promise<number>;
}
