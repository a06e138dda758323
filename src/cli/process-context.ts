/**
 * The real process's context for a command: its streams, environment, a terminal prompt when there is
 * one, and an AbortSignal raised by the first SIGINT or SIGTERM. Ctrl-C always works: a second signal
 * ends the process at once with the signal's default action, which no pending read (a FIFO, a stuck
 * network call) can hold up. A run whose parent went away (say `kill` of the `npx` that started it)
 * stops as if it got SIGTERM, so an emulator or an apply never lingers orphaned.
 */
import { once, setMaxListeners } from 'node:events';
import { createInterface } from 'node:readline';
import { CliError, EXIT } from './cli-error.js';
import type { CommandContext, Output, PromptResult } from './command.js';
import { CLI_CODES } from './error-codes.js';

/** How often the parent is looked at: cheap (one getppid), and soon enough for a user who killed it. */
const PARENT_CHECK_MS = 1000;

export function createProcessContext(debug: boolean): CommandContext {
  const controller = new AbortController();
  // Every request and back-off in flight listens to this signal; --parallelism bounds them, not node's default of 10.
  setMaxListeners(0, controller.signal);
  const stop = (signal: NodeJS.Signals, why: string): void => {
    if (controller.signal.aborted) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.stderr.write(`\n${why}: stopping after the work in flight. Press Ctrl-C again to quit at once.\n`);
    // The reason surfaces where a read was cut short (planning, checking a saved plan): an exit of 130, not a bug.
    controller.abort(new CliError(CLI_CODES.interrupted, `interrupted by ${signal}`, EXIT.interrupted));
  };
  process.on('SIGINT', () => stop('SIGINT', 'Received SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM', 'Received SIGTERM'));
  watchParent(() => stop('SIGTERM', 'The process that started kmsctl has gone'));
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  return {
    stdout: streamOutput(process.stdout),
    stderr: streamOutput(process.stderr),
    env: process.env,
    stdin: lazyStdin(),
    cwd: process.cwd(),
    prompt: interactive ? askOnTerminal : undefined,
    signal: controller.signal,
    debug,
  };
}

/** Standard input, opened only when a command reads it (`-f -`): a run that never reads it never touches it. */
function lazyStdin(): AsyncIterable<Uint8Array | string> {
  return { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() };
}

function watchParent(gone: () => void): void {
  const parent = process.ppid;
  if (parent <= 1) return;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    gone();
  }, PARENT_CHECK_MS);
  timer.unref();
}

function streamOutput(stream: NodeJS.WriteStream): Output {
  return {
    write: (text) => void stream.write(text),
    drained: () => (stream.writableNeedDrain ? once(stream, 'drain').then(() => undefined) : Promise.resolve()),
    isTTY: stream.isTTY === true,
    columns: stream.isTTY === true ? stream.columns : undefined,
  };
}

/** One line from the terminal. Ctrl-C (or a SIGINT from outside) and Ctrl-D end the question with no answer. */
function askOnTerminal(question: string, signal: AbortSignal): Promise<PromptResult> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: PromptResult): void => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      if (result.status !== 'answered') process.stdout.write('\n');
      rl.close();
      resolve(result);
    };
    const onAbort = (): void => finish({ status: 'interrupted' });
    if (signal.aborted) return finish({ status: 'interrupted' });
    signal.addEventListener('abort', onAbort, { once: true });
    rl.on('SIGINT', () => finish({ status: 'interrupted' }));
    rl.on('close', () => finish({ status: 'closed' }));
    rl.question(question, (answer) => finish({ status: 'answered', answer }));
  });
}
