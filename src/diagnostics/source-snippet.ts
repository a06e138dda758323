/**
 * The source line under a diagnostic as the text formatter shows it: control characters escaped
 * (display-text.ts), and a line longer than the terminal can take cut to a window around the range,
 * with `...` where it was cut, so that a one-line 2 MB value prints a hundred characters, not 4 MB.
 */
import { sourceCharacter } from './display-text.js';

/** The most characters of a source line shown; longer lines are windowed around the range. */
export const MAX_SNIPPET_WIDTH = 100;
/** How much of the line before the range a window keeps, when it has to cut. */
const CONTEXT_BEFORE = 30;
const CUT = '...';

export interface SnippetLine {
  /** The line as shown. */
  text: string;
  /** What goes before the marks: spaces, and tabs where the shown line has tabs, so the marks line up. */
  padding: string;
  /** How many marks (`^`) to draw: at least one. */
  marks: number;
}

/**
 * Lays out one line for a range on it: `start` and `end` are 0-based offsets into the line (code units),
 * `end` exclusive; `end` past the line's end stops the marks there.
 */
export function snippetLine(line: string, start: number, end: number, width = MAX_SNIPPET_WIDTH): SnippetLine {
  // Of a very long line only the part around the range can be shown: lay out that part alone.
  if (line.length > 4 * width) {
    const from = Math.max(0, Math.min(start, line.length));
    const lo = Math.max(0, from - CONTEXT_BEFORE - 2);
    const hi = Math.min(line.length, from + 2 * width);
    return windowed(piecesOf(line.slice(lo, hi)), from - lo, end - lo, width, lo > 0, hi < line.length);
  }
  return windowed(piecesOf(line), start, end, width, false, false);
}

function windowed(pieces: readonly string[], start: number, end: number, width: number, moreBefore: boolean, moreAfter: boolean): SnippetLine {
  const from = Math.max(0, Math.min(start, pieces.length));
  const to = Math.max(from, Math.min(end, pieces.length));
  if (!moreBefore && !moreAfter && widthOf(pieces, 0, pieces.length) <= width) return layout(pieces, 0, pieces.length, from, to, '', '');

  // Start the window a little before the range, and fill it forward.
  let first = from;
  while (first > 0 && widthOf(pieces, first - 1, from) <= CONTEXT_BEFORE) first--;
  const before = first > 0 || moreBefore ? CUT : '';
  let last = first;
  let used = before.length + CUT.length;
  while (last < pieces.length && used + pieces[last]!.length <= width) used += pieces[last++]!.length;
  const after = last < pieces.length || moreAfter ? CUT : '';
  return layout(pieces, first, last, from, Math.min(to, last), before, after);
}

function layout(pieces: readonly string[], first: number, last: number, from: number, to: number, before: string, after: string): SnippetLine {
  const text = `${before}${pieces.slice(first, last).join('')}${after}`;
  const padding = `${' '.repeat(before.length)}${pieces.slice(first, from).join('').replace(/[^\t]/gu, ' ')}`;
  return { text, padding, marks: Math.max(1, widthOf(pieces, from, to)) };
}

/** One piece per code unit, as shown: a surrogate pair is one piece and an empty one, so offsets map straight. */
function piecesOf(line: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < line.length) {
      const next = line.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pieces.push(line.slice(i, i + 2), '');
        i++;
        continue;
      }
    }
    pieces.push(sourceCharacter(line[i]!));
  }
  return pieces;
}

function widthOf(pieces: readonly string[], from: number, to: number): number {
  let width = 0;
  for (let i = from; i < to; i++) width += pieces[i]!.length;
  return width;
}
