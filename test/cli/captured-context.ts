/** A CommandContext that records what a command writes, for running the CLI in the test process. */
import type { CommandContext } from '../../src/cli/command.js';

export interface CapturedContext extends CommandContext {
  out(): string;
  err(): string;
  questions: string[];
}

export function capturedContext(options: { env: Record<string, string | undefined>; cwd: string; answers?: string[]; tty?: boolean; stdin?: string }): CapturedContext {
  let out = '';
  let err = '';
  const questions: string[] = [];
  const answers = [...(options.answers ?? [])];
  return {
    stdout: { write: (text) => void (out += text), isTTY: options.tty ?? false },
    stderr: { write: (text) => void (err += text), isTTY: options.tty ?? false },
    env: options.env,
    stdin: options.stdin === undefined ? undefined : textStream(options.stdin),
    cwd: options.cwd,
    prompt:
      options.answers === undefined
        ? undefined
        : async (question) => {
            questions.push(question);
            const answer = answers.shift();
            return answer === undefined ? { status: 'closed' as const } : { status: 'answered' as const, answer };
          },
    signal: new AbortController().signal,
    debug: false,
    out: () => out,
    err: () => err,
    questions,
  };
}

/** Standard input holding `text`, in two pieces as a pipe may deliver it. */
async function* textStream(text: string): AsyncGenerator<string> {
  const half = Math.floor(text.length / 2);
  yield text.slice(0, half);
  yield text.slice(half);
}
