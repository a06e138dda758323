/**
 * ANSI colours for text output. The CLI decides whether colours are on (a terminal, no NO_COLOR, no
 * --no-color); with them off every function returns its text unchanged.
 */

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const ANSI = { bold: [1, 22], dim: [2, 22], green: [32, 39], yellow: [33, 39], red: [31, 39], cyan: [36, 39] } as const;

function paint([open, close]: readonly [number, number]): (text: string) => string {
  return (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

const plain = (text: string): string => text;

/** A Style that colours when `color` is true and is the identity otherwise. */
export function createStyle(color: boolean): Style {
  if (!color) return { bold: plain, dim: plain, green: plain, yellow: plain, red: plain, cyan: plain };
  return {
    bold: paint(ANSI.bold),
    dim: paint(ANSI.dim),
    green: paint(ANSI.green),
    yellow: paint(ANSI.yellow),
    red: paint(ANSI.red),
    cyan: paint(ANSI.cyan),
  };
}

/** Removes ANSI colour sequences, for measuring and for tests. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
