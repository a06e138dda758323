/**
 * Progress of long reads and applies, on stderr. On a terminal: one live line rewritten with `\r` and
 * cleared at the end. In CI logs (no terminal, or CI set): plain lines such as `Reading keys: 400/2000`,
 * at every 10% for runs of at least 20 items and every 5 seconds otherwise, never a control character.
 * Short runs print nothing in CI logs.
 */
import type { CommandContext, Output } from './command.js';

export interface Progress {
  /** `done` of `total` items are finished. */
  update(done: number, total: number): void;
  /** Writes other output without tearing the live line (it is cleared, then drawn again). */
  print(write: () => void): void;
  /** Clears the live line and stops the timer; safe to call more than once. */
  end(): void;
}

export interface ProgressOptions {
  /** Print a CI line when this long passed since the last one (default 5 s). */
  intervalMs?: number | undefined;
  /** Runs of at least this many items get a CI line at every 10% (default 20). */
  stepMinimum?: number | undefined;
  /** Redraw the live line at most this often (default 100 ms). */
  redrawMs?: number | undefined;
  now?: (() => number) | undefined;
}

/** Whether progress is drawn as a live terminal line (else as plain CI lines). */
export function isLiveTerminal(ctx: Pick<CommandContext, 'stderr' | 'env'>): boolean {
  return ctx.stderr.isTTY && !isCi(ctx.env) && ctx.env.TERM !== 'dumb';
}

/** CI=true (or any value but "false"/"0"), as most CI services set it. */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

export function startProgress(ctx: Pick<CommandContext, 'stderr' | 'env'>, label: string, options: ProgressOptions = {}): Progress {
  return isLiveTerminal(ctx) ? liveProgress(ctx.stderr, label, options) : ciProgress(ctx.stderr, label, options);
}

/** A progress that shows nothing, for callers that have no context. */
export const NO_PROGRESS: Progress = { update: () => undefined, print: (write) => write(), end: () => undefined };

function ciProgress(out: Output, label: string, options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 5000;
  const stepMinimum = options.stepMinimum ?? 20;
  let done = 0;
  let total = 0;
  let lastPrinted = now();
  let lastDecile = 0;
  let lastLine = '';
  let ended = false;
  const print = (): void => {
    const line = `${label}: ${done}/${total}`;
    lastPrinted = now();
    if (line === lastLine) return;
    lastLine = line;
    out.write(`${line}\n`);
  };
  const timer = setInterval(() => {
    if (!ended && total > 0 && done < total && now() - lastPrinted >= intervalMs) print();
  }, Math.max(50, Math.min(intervalMs, 1000)));
  timer.unref?.();
  return {
    update(nextDone, nextTotal) {
      if (ended) return;
      done = nextDone;
      total = nextTotal;
      if (total <= 0) return;
      const decile = Math.floor((done * 10) / total);
      if (total >= stepMinimum && decile > lastDecile) {
        lastDecile = decile;
        print();
      } else if (now() - lastPrinted >= intervalMs) {
        print();
      }
    },
    print: (write) => write(),
    end() {
      ended = true;
      clearInterval(timer);
    },
  };
}

function liveProgress(out: Output, label: string, options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const redrawMs = options.redrawMs ?? 100;
  let shown = 0;
  let text = '';
  let lastDraw = -Infinity;
  let ended = false;
  const draw = (): void => {
    if (text === '') return;
    out.write(`\r${text}${' '.repeat(Math.max(0, shown - text.length))}`);
    shown = text.length;
    lastDraw = now();
  };
  const clear = (): void => {
    if (shown === 0) return;
    out.write(`\r${' '.repeat(shown)}\r`);
    shown = 0;
  };
  return {
    update(done, total) {
      if (ended || total <= 0) return;
      text = `${label}: ${done}/${total} (${Math.floor((done * 100) / total)}%)`;
      if (done >= total || now() - lastDraw >= redrawMs) draw();
    },
    print(write) {
      const wasShown = shown > 0;
      clear();
      write();
      if (wasShown && !ended) draw();
    },
    end() {
      ended = true;
      clear();
    },
  };
}
