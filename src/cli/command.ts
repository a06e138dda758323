/**
 * The shape every subcommand has. main.ts parses a command's flags with node:util parseArgs (strict, so
 * unknown flags are errors) and hands it the values; the command turns them into its typed arguments
 * (src/cli/arguments/), calls the operations and renders through its view (src/cli/views/). A command
 * returns its exit code (or throws a CliError); it never calls process.exit.
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
  /** The terminal's width in columns, when it is a terminal that says. */
  columns?: number | undefined;
}

/** How the approval prompt ended: an answer, Ctrl-C (or SIGINT), or the end of input (Ctrl-D). */
export type PromptResult = { status: 'answered'; answer: string } | { status: 'interrupted' } | { status: 'closed' };

export interface CommandContext {
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  /** Standard input, for `-f -` (a config piped in); undefined: none to read. */
  stdin?: AsyncIterable<Uint8Array | string> | undefined;
  /** The working directory, after `--chdir`. */
  cwd: string;
  /** Asks one line on the terminal; undefined when standard input or output is not a terminal. */
  prompt: ((question: string, signal: AbortSignal) => Promise<PromptResult>) | undefined;
  /** Aborted on SIGINT/SIGTERM: long commands stop starting new work and report what was done. */
  signal: AbortSignal;
  /** Global `--debug`: stack traces and request logs (never secrets). */
  debug: boolean;
  /** Global `--no-color`. */
  noColor?: boolean | undefined;
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
