/**
 * The real process's context for a command: its streams, environment, a terminal prompt when there
 * is one, and an AbortSignal raised by the first SIGINT or SIGTERM (a second one exits at once).
 */
import { once, setMaxListeners } from 'node:events';
import { createInterface } from 'node:readline/promises';
import type { CommandContext, Output } from './command.js';
import { CliError, EXIT } from './cli-error.js';

export function createProcessContext(debug: boolean): CommandContext {
  const controller = new AbortController();
  // Every request and back-off in flight listens to this signal; --parallelism bounds them, not node's default of 10.
  setMaxListeners(0, controller.signal);
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write(`\nReceived ${signal}: stopping after the work in flight. Press Ctrl-C again to quit at once.\n`);
    // The reason surfaces where a read was cut short (planning, checking a saved plan): an exit of 130, not a bug.
    controller.abort(new CliError('interrupted', `interrupted by ${signal}`, EXIT.interrupted));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  return {
    stdout: streamOutput(process.stdout),
    stderr: streamOutput(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    prompt: interactive ? askOnTerminal : undefined,
    signal: controller.signal,
    debug,
  };
}

function streamOutput(stream: NodeJS.WriteStream): Output {
  return {
    write: (text) => void stream.write(text),
    drained: () => (stream.writableNeedDrain ? once(stream, 'drain').then(() => undefined) : Promise.resolve()),
    isTTY: stream.isTTY === true,
  };
}

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
