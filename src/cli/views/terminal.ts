/**
 * Where a command's output goes and how it looks: stdout and stderr, a Style for each (colours decided
 * once, in render/style.ts), the width lines are wrapped to, and the redactor every piece of text passes.
 */
import { colorEnabled, createStyle, type Style } from '../../style.js';
import type { CommandContext, Output } from '../command.js';
import { DisplayRedactor } from './display-redactor.js';

export interface Terminal {
  out: Output;
  err: Output;
  outStyle: Style;
  errStyle: Style;
  outColor: boolean;
  errColor: boolean;
  /** Columns to wrap text output to: the terminal's, else 100 (logs and files). */
  width: number;
  redactor: DisplayRedactor;
  env: Readonly<Record<string, string | undefined>>;
}

/** A width that keeps lines readable in logs, where no terminal says how wide it is. */
export const LOG_WIDTH = 100;

export function terminalOf(ctx: CommandContext, redactor: DisplayRedactor = new DisplayRedactor()): Terminal {
  const noColorFlag = ctx.noColor === true;
  const outColor = colorEnabled({ isTTY: ctx.stdout.isTTY, env: ctx.env, noColorFlag });
  const errColor = colorEnabled({ isTTY: ctx.stderr.isTTY, env: ctx.env, noColorFlag });
  redactor.add(ctx.env.ALIBABA_CLOUD_ACCESS_KEY_ID);
  const redacting = (output: Output): Output => ({ ...output, write: (text) => output.write(redactor.apply(text)), drained: output.drained?.bind(output) });
  const columns = ctx.stdout.isTTY && ctx.stdout.columns !== undefined && ctx.stdout.columns >= 40 ? ctx.stdout.columns : LOG_WIDTH;
  return {
    out: redacting(ctx.stdout),
    err: redacting(ctx.stderr),
    outStyle: createStyle(outColor),
    errStyle: createStyle(errColor),
    outColor,
    errColor,
    width: columns,
    redactor,
    env: ctx.env,
  };
}
