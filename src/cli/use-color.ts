/** Colours only on a terminal, and never with --no-color or NO_COLOR set (https://no-color.org). */
import type { CommandContext, OptionValues } from './command.js';

export function useColor(values: OptionValues, ctx: CommandContext): boolean {
  if (values['no-color'] === true) return false;
  const noColor = ctx.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return ctx.stdout.isTTY && ctx.env.TERM !== 'dumb';
}
