/**
 * What every command of kmsctl starts from: its view over the terminal (text or JSON), the typed
 * arguments or the failure that says why there are none, and a KMS session whose access key IDs the
 * output masks. Keeps the commands thin: parse, call the operations, render.
 */
import { hasErrors, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import type { DesiredState } from '../config/desired-state.js';
import type { ReadOptions } from '../operations/make-plan.js';
import { readConfig, type ReadConfig, type ReadConfigInput } from '../operations/read-config.js';
import { accountsOfKeys } from '../operations/run-accounts.js';
import { openSession, type ConnectionOptions, type KmsSession, type SessionAccounts } from '../operations/session.js';
import type { CommandContext } from './command.js';
import { CLI_CODES } from './error-codes.js';
import { startProgress } from './progress.js';
import { failure, failureFromDiagnostics, type Failure } from './views/failure.js';
import type { CommandView } from './views/command-view.js';

/** The typed arguments, or undefined after the view has shown why not. */
export function argumentsOrFailure<T>(parsed: Result<T>, view: CommandView): T | undefined {
  const errors = parsed.diagnostics.filter((d: Diagnostic) => d.severity === 'error');
  if (parsed.value !== undefined && errors.length === 0) return parsed.value;
  view.failure(failureFromDiagnostics(errors));
  return undefined;
}

/**
 * Opens the run's KMS clients for the accounts its keys use (none: the base identity only), telling the
 * view every access key ID so that output masks it.
 */
export function sessionFor(connection: ConnectionOptions, ctx: CommandContext, view: CommandView, accounts: SessionAccounts = {}): KmsSession {
  return openSession(connection, {
    env: ctx.env,
    signal: ctx.signal,
    debug: ctx.debug ? (line) => view.term.err.write(line) : undefined,
    unreachable: (endpoint, detail) => view.warning(`${endpoint} does not answer: ${detail}`),
    accessKeyId: (id) => view.term.redactor.add(id),
  }, accounts);
}

/**
 * Why a command cannot go on with the config it read: its errors (already shown with their positions;
 * the count includes those beyond the shown ones), or a --target or --account it does not have.
 * Undefined when it can go on.
 */
function configStop(config: ReadConfig): Failure | undefined {
  if (hasErrors(config.diagnostics)) return configFailure(config.errorCount);
  if (config.desired === undefined) return failureFromDiagnostics(config.selection);
  return undefined;
}

/** The failure of a command stopped by config errors. */
function configFailure(errors: number): Failure {
  return failure(CLI_CODES.configInvalid, `the configuration has ${errors} error${errors === 1 ? '' : 's'}; nothing was read from or sent to KMS`);
}

/** A config read for a run whose keys can be acted on, or the failure that stops the run. */
export type RunConfig = { config: ReadConfig; desired: DesiredState; failure?: undefined } | { failure: Failure };

/**
 * The steps every config-reading command starts with: read the config (standard input for `-f -`), show
 * its diagnostics, and stop on its errors or on a --target/--account it does not have.
 */
export async function readRunConfig(input: Omit<ReadConfigInput, 'cwd' | 'env' | 'stdin'>, ctx: CommandContext, view: CommandView): Promise<RunConfig> {
  const config = await readConfig({ ...input, cwd: ctx.cwd, env: ctx.env, stdin: ctx.stdin });
  view.diagnostics(config.diagnostics, config.loaded.sources);
  const stop = configStop(config);
  if (stop !== undefined || config.desired === undefined) return { failure: stop ?? configFailure(config.errorCount) };
  return { config, desired: config.desired };
}

/** `sessionFor` with the accounts the keys use. */
export function sessionForKeys(connection: ConnectionOptions, ctx: CommandContext, view: CommandView, desired: DesiredState): KmsSession {
  return sessionFor(connection, ctx, view, accountsOfKeys(desired.keys, desired.accounts));
}

/** What a command that reads the declared keys has once its config is read and its session is open. */
export interface KeysRun {
  config: ReadConfig;
  desired: DesiredState;
  session: KmsSession;
  /** Runs a read of the keys at the run's parallelism and signal, with a progress line (`label`) on stderr while it lasts. */
  reading<T>(label: string, read: (options: ReadOptions) => Promise<T>): Promise<T>;
}

/**
 * The frame of every command that reads the declared keys (plan, pin, show, report, public-keys): read
 * the config or stop on it, open a session for the accounts its keys use, run `body`, and close the
 * session however `body` ends. Returns the exit code.
 */
export async function runOnKeys(
  args: { config: Omit<ReadConfigInput, 'cwd' | 'env' | 'stdin' | 'profile'>; connection: ConnectionOptions },
  ctx: CommandContext,
  view: CommandView,
  body: (run: KeysRun) => Promise<number>,
): Promise<number> {
  const read = await readRunConfig({ ...args.config, profile: args.connection.profile }, ctx, view);
  if (read.failure !== undefined) return view.failure(read.failure);
  const session = sessionForKeys(args.connection, ctx, view, read.desired);
  const reading = async <T>(label: string, readKeys: (options: ReadOptions) => Promise<T>): Promise<T> => {
    const progress = startProgress({ stderr: view.term.err, env: view.term.env }, label);
    try {
      return await readKeys({ parallelism: args.connection.parallelism, signal: ctx.signal, onKeyRead: (done, total) => progress.update(done, total) });
    } finally {
      progress.end();
    }
  };
  try {
    return await body({ config: read.config, desired: read.desired, session, reading });
  } finally {
    await session.close();
  }
}
