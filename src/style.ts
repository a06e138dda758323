/**
 * The one owner of colour. Whether a stream gets ANSI colours is decided here (`colorEnabled`), and every
 * coloured piece of output (diagnostics, plans, apply results, diffs, reports, the demo) is painted through
 * a `Style` made here; with colours off every function returns its text unchanged.
 */

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
  blue(text: string): string;
}

const ANSI = { bold: [1, 22], dim: [2, 22], green: [32, 39], yellow: [33, 39], red: [31, 39], cyan: [36, 39], blue: [34, 39] } as const;

function paint([open, close]: readonly [number, number]): (text: string) => string {
  return (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

const plain = (text: string): string => text;

/** A Style that colours when `color` is true and is the identity otherwise. */
export function createStyle(color: boolean): Style {
  if (!color) return { bold: plain, dim: plain, green: plain, yellow: plain, red: plain, cyan: plain, blue: plain };
  return {
    bold: paint(ANSI.bold),
    dim: paint(ANSI.dim),
    green: paint(ANSI.green),
    yellow: paint(ANSI.yellow),
    red: paint(ANSI.red),
    cyan: paint(ANSI.cyan),
    blue: paint(ANSI.blue),
  };
}

export interface ColorInputs {
  /** Whether the stream the text goes to is a terminal. */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** `--no-color` was given. */
  noColorFlag: boolean;
}

/**
 * Colours or not, in this order: `--no-color` turns them off; `FORCE_COLOR` (any value but `0` or
 * `false`) turns them on, also into a pipe, for CI logs that render ANSI; `NO_COLOR` (https://no-color.org)
 * turns them off; `TERM=dumb` turns them off; otherwise a terminal gets colours and a pipe or file does not.
 * FORCE_COLOR wins over NO_COLOR as in Node.js itself: it is the more specific request.
 */
export function colorEnabled({ isTTY, env, noColorFlag }: ColorInputs): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** Removes ANSI colour sequences, for measuring and for tests. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
