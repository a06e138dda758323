/**
 * Turns character offsets into 1-based line and column numbers. Only the formatters use it: every
 * other stage keeps offsets.
 */

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based, counted in UTF-16 code units from the start of the line (as editors and LSP do). */
  column: number;
  /** 0-based character offset into the file's text. */
  offset: number;
}

/** Line starts of one text, computed once, for many offset look-ups. */
export class LineIndex {
  readonly #text: string;
  readonly #starts: number[];

  constructor(text: string) {
    this.#text = text;
    this.#starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      // \r\n counts as one break; a lone \r as a break too (yaml does the same).
      if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) this.#starts.push(i + 1);
    }
  }

  /** The position of an offset; offsets outside the text are clamped to it. */
  positionAt(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(Number.isFinite(offset) ? Math.trunc(offset) : 0, this.#text.length));
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.#starts[low]! + 1, offset: clamped };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.#starts[line - 1];
    if (start === undefined) return '';
    const next = this.#starts[line];
    let end = next ?? this.#text.length;
    if (next !== undefined) {
      if (this.#text[end - 1] === '\n') end--;
      if (this.#text[end - 1] === '\r') end--;
    }
    return this.#text.slice(start, end);
  }

  get lineCount(): number {
    return this.#starts.length;
  }
}

const cache = new WeakMap<object, Map<string, { text: string; index: LineIndex }>>();

/** A line index for a file of a SourceFiles map, cached per map so formatting many diagnostics stays linear. */
export function lineIndexFor(sources: ReadonlyMap<string, string>, file: string): LineIndex | undefined {
  const text = sources.get(file);
  if (text === undefined) return undefined;
  let perMap = cache.get(sources);
  if (!perMap) {
    perMap = new Map();
    cache.set(sources, perMap);
  }
  let entry = perMap.get(file);
  if (!entry || entry.text !== text) {
    entry = { text, index: new LineIndex(text) };
    perMap.set(file, entry);
  }
  return entry.index;
}
