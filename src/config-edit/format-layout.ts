/**
 * The line layout behind `kmsctl fmt`: re-emits a block-style YAML document line by line from its
 * parsed nodes, with 2-space indentation, sequences indented under their key, mapping keys in a
 * canonical order, and every comment kept on a line of its own or at the end of the line it was on.
 * Values are copied as written (quoting, flow style, block scalars); only indentation, the space
 * after `key:` and `-`, runs of blank lines and trailing spaces change. Comment lines travel with the
 * entry that follows them; comment lines indented deeper than the next entry stay with the one before.
 */
import { isMap, isSeq, isScalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { contentEnd, writtenRange } from './yaml-nodes.js';

/** A layout fmt cannot re-emit safely; the file is left as it is. */
export class LayoutError extends Error {
  override readonly name = 'LayoutError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** The canonical order of the keys of the mapping at a path (`*` for any key or index). */
export type KeyOrder = (path: readonly string[]) => readonly string[] | undefined;

const INDENT = 2;

interface Line {
  start: number;
  text: string;
}

/** An entry of a block collection: a mapping pair or a sequence item. */
interface Entry {
  startLine: number;
  endLine: number;
  /** The column it starts at in the source. */
  column: number;
  /** The key, for ordering; undefined for sequence items. */
  key: string | undefined;
  emit(column: number, prefix: string | undefined, indents: IndentMap): void;
  leading: number[];
  trailing: number[];
}

/** Old indentation → new indentation of the lines emitted for an entry, to place its trailing comments. */
type IndentMap = Map<number, number>;

export class Layout {
  readonly #text: string;
  readonly #lines: Line[];
  readonly #order: KeyOrder;
  readonly #out: string[] = [];

  constructor(text: string, order: KeyOrder) {
    this.#text = text;
    this.#order = order;
    this.#lines = [];
    const pattern = /\r\n|\n|\r/g;
    let start = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      this.#lines.push({ start, text: text.slice(start, match.index) });
      start = match.index + match[0].length;
    }
    if (start < text.length) this.#lines.push({ start, text: text.slice(start) });
  }

  /** The document's lines in canonical layout, without line breaks. */
  render(root: YAMLMap): string[] {
    const entries = this.#mapEntries(root, []);
    if (entries.length === 0) throw new LayoutError('the top-level mapping has no entries', 0);
    const first = entries[0]!;
    for (let line = 0; line < first.startLine; line++) this.#emitVerbatimLine(line);
    this.#splitGaps(entries);
    const last = entries[entries.length - 1]!;
    const tail = this.#range(last.endLine + 1, this.#lines.length - 1);
    const split = this.#splitTrailing(tail, first.column);
    last.trailing = split.trailing;
    this.#emitEntries(ordered(entries, this.#order([])), 0, undefined, true);
    for (const line of split.rest) this.#emitVerbatimLine(line);
    while (this.#out.length > 0 && this.#out[this.#out.length - 1] === '') this.#out.pop();
    return this.#out;
  }

  #mapEntries(map: YAMLMap, path: readonly string[]): Entry[] {
    const entries = map.items.map((item) => this.#pairEntry(item as Pair, path));
    return entries.sort((a, b) => a.startLine - b.startLine);
  }

  #pairEntry(pair: Pair, path: readonly string[]): Entry {
    const keyRange = writtenRange(pair.key);
    if (!keyRange) throw new LayoutError('a mapping entry without a written key', 0);
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const startLine = this.#lineOf(keyRange[0]);
    const value = pair.value as Node | null;
    const valueEnd = value && writtenRange(value) ? contentEnd(this.#text, value) : keyRange[1];
    const endLine = Math.max(startLine, this.#lineOf(valueEnd - 1));
    const column = keyRange[0] - this.#lines[startLine]!.start;
    const childPath = [...path, key ?? '?'];
    return {
      startLine,
      endLine,
      column,
      key,
      leading: [],
      trailing: [],
      emit: (newColumn, prefix, indents) => {
        indents.set(column, newColumn);
        const block = blockChildren(value);
        if (block && this.#lineOf(firstStart(block)) > startLine) {
          const header = this.#lines[startLine]!.text.slice(column).trimEnd();
          this.#out.push(`${prefix ?? ' '.repeat(newColumn)}${header}`);
          if (isMap(block)) this.#emitMap(block, childPath, newColumn + INDENT, startLine, undefined, indents);
          else this.#emitSeq(block, childPath, newColumn + INDENT, startLine, indents);
          return;
        }
        this.#emitSegment(keyRange[0], endLine, newColumn, prefix, indents, colonGap(this.#text, keyRange[1], value));
      },
    };
  }

  /** A block mapping's entries under a header line (its key, or the `-` of a sequence item). */
  #emitMap(map: YAMLMap, path: readonly string[], column: number, headerLine: number, dashPrefix: string | undefined, indents: IndentMap): void {
    const entries = this.#mapEntries(map, path);
    const firstGap = dashPrefix === undefined ? this.#range(headerLine + 1, entries[0]!.startLine - 1) : [];
    entries[0]!.leading = this.#checkGap(firstGap);
    this.#splitGaps(entries);
    this.#emitEntries(ordered(entries, this.#order(path)), column, dashPrefix, false, indents);
  }

  #emitSeq(seq: YAMLSeq, path: readonly string[], column: number, headerLine: number, indents: IndentMap): void {
    const seqStart = seq.range![0];
    const dashColumn = seqStart - this.#lines[this.#lineOf(seqStart)]!.start;
    const entries: Entry[] = [];
    let searchFrom = headerLine + 1;
    seq.items.forEach((item, index) => {
      const range = writtenRange(item);
      if (!range) throw new LayoutError('a sequence item without a value', seqStart);
      const dashLine = this.#findDash(searchFrom, this.#lineOf(range[0]), dashColumn);
      const dashOffset = this.#lines[dashLine]!.start + dashColumn;
      const node = item as Node;
      const endLine = Math.max(dashLine, this.#lineOf(contentEnd(this.#text, node) - 1));
      searchFrom = endLine + 1;
      const childPath = [...path, String(index)];
      entries.push({
        startLine: dashLine,
        endLine,
        column: dashColumn,
        key: undefined,
        leading: [],
        trailing: [],
        emit: (newColumn, prefix, itemIndents) => {
          itemIndents.set(dashColumn, newColumn);
          const dash = prefix ?? ' '.repeat(newColumn);
          if (isMap(node) && !node.flow && node.items.length > 0 && this.#lineOf(firstStart(node)) === dashLine) {
            this.#emitMap(node, childPath, newColumn + INDENT, dashLine, `${dash}- `, itemIndents);
            return;
          }
          const flow = this.#canonicalFlowMap(node, childPath);
          if (flow !== undefined && dashLine === endLine) {
            this.#out.push(`${dash}- ${flow}${this.#text.slice(range[1], this.#lines[endLine]!.start + this.#lines[endLine]!.text.length)}`.trimEnd());
            return;
          }
          this.#emitSegment(dashOffset, endLine, newColumn, dash, itemIndents, dashGap(this.#text, dashOffset, range[0], dashLine === this.#lineOf(range[0])));
        },
      });
    });
    entries[0]!.leading = this.#checkGap(this.#range(headerLine + 1, entries[0]!.startLine - 1));
    this.#splitGaps(entries);
    this.#emitEntries(entries, column, undefined, false, indents);
  }

  /**
   * A one-line flow mapping of scalars whose keys have a canonical order, written `{ a: 1, b: 2 }` in
   * that order; undefined for anything else (kept as written).
   */
  #canonicalFlowMap(node: Node, path: readonly string[]): string | undefined {
    const order = this.#order(path);
    if (!order || !isMap(node) || !node.flow || node.items.length === 0) return undefined;
    const range = writtenRange(node)!;
    if (this.#lineOf(range[0]) !== this.#lineOf(range[1] - 1) || this.#text.slice(range[0], range[1]).includes('#')) return undefined;
    const pairs: { key: string; text: string }[] = [];
    for (const item of node.items) {
      const pair = item as Pair;
      const key = writtenRange(pair.key);
      const value = writtenRange(pair.value);
      if (!isScalar(pair.key) || !isScalar(pair.value) || !key || !value) return undefined;
      pairs.push({ key: String(pair.key.value), text: `${this.#text.slice(key[0], key[1])}: ${this.#text.slice(value[0], value[1])}` });
    }
    const rank = (key: string): number => (order.includes(key) ? order.indexOf(key) : order.length);
    const sorted = pairs.map((p, i) => ({ ...p, i })).sort((a, b) => rank(a.key) - rank(b.key) || a.i - b.i);
    return `{ ${sorted.map((p) => p.text).join(', ')} }`;
  }

  /** Splits the lines between consecutive entries into the trailing part of one and the leading part of the next. */
  #splitGaps(entries: Entry[]): void {
    for (let k = 1; k < entries.length; k++) {
      const gap = this.#range(entries[k - 1]!.endLine + 1, entries[k]!.startLine - 1);
      const split = this.#splitTrailing(gap, entries[k]!.column);
      entries[k - 1]!.trailing = split.trailing;
      entries[k]!.leading = split.rest;
    }
  }

  #emitEntries(output: Entry[], column: number, dashPrefix: string | undefined, top: boolean, parentIndents?: IndentMap): void {
    output.forEach((entry, index) => {
      const first = index === 0;
      const commentColumn = first && dashPrefix !== undefined ? Math.max(0, column - INDENT) : column;
      this.#emitLeading(entry.leading, commentColumn, first && !top);
      const indents: IndentMap = new Map();
      entry.emit(column, first ? dashPrefix : undefined, indents);
      for (const line of entry.trailing) this.#emitComment(line, shifted(indents, this.#indentOf(line)));
      for (const [from, to] of indents) parentIndents?.set(from, to);
    });
  }

  #emitLeading(lines: readonly number[], column: number, dropLeadingBlanks: boolean): void {
    let blank = dropLeadingBlanks;
    for (const line of lines) {
      if (this.#isBlank(line)) {
        if (!blank) this.#out.push('');
        blank = true;
        continue;
      }
      blank = false;
      this.#emitComment(line, column);
    }
  }

  /** Lines from `startOffset` to the end of `endLine`, the first after `prefix`, the others shifted alike. */
  #emitSegment(startOffset: number, endLine: number, column: number, prefix: string | undefined, indents: IndentMap, gap: { from: number; to: number } | undefined): void {
    const startLine = this.#lineOf(startOffset);
    const line = this.#lines[startLine]!;
    const oldColumn = startOffset - line.start;
    let first = line.text.slice(oldColumn);
    if (gap) first = `${this.#text.slice(startOffset, gap.from)}${gap.to === gap.from ? '' : ' '}${this.#text.slice(gap.to, line.start + line.text.length)}`;
    const single = startLine === endLine;
    this.#out.push(`${prefix ?? ' '.repeat(column)}${single ? first.trimEnd() : first}`);
    const delta = column - oldColumn;
    for (let n = startLine + 1; n <= endLine; n++) {
      const text = this.#lines[n]!.text;
      const width = this.#indentOf(n);
      if (text.trim() === '') {
        this.#out.push(text);
        continue;
      }
      indents.set(width, width + delta);
      this.#out.push(`${' '.repeat(Math.max(0, width + delta))}${text.slice(width)}`);
    }
  }

  #emitComment(line: number, column: number): void {
    this.#out.push(`${' '.repeat(column)}${this.#lines[line]!.text.trim()}`);
  }

  #emitVerbatimLine(line: number): void {
    const text = this.#lines[line]!.text.trimEnd();
    if (text === '' && (this.#out.length === 0 || this.#out[this.#out.length - 1] === '')) return;
    this.#out.push(text);
  }

  /** Comment lines indented deeper than `column` at the start of a gap stay with the entry before it. */
  #splitTrailing(gap: readonly number[], column: number): { trailing: number[]; rest: number[] } {
    this.#checkGap(gap);
    let cut = 0;
    for (let i = 0; i < gap.length; i++) {
      const line = gap[i]!;
      if (this.#isBlank(line)) continue;
      if (this.#indentOf(line) > column) cut = i + 1;
      else break;
    }
    return { trailing: gap.slice(0, cut).filter((line) => !this.#isBlank(line)), rest: gap.slice(cut) };
  }

  /** Lines between entries hold only comments and blank lines; anything else is a layout fmt does not know. */
  #checkGap<T extends readonly number[]>(gap: T): T {
    for (const line of gap) {
      if (!this.#isBlank(line) && !this.#lines[line]!.text.trimStart().startsWith('#')) {
        throw new LayoutError(`unexpected content between entries: ${JSON.stringify(this.#lines[line]!.text.trim())}`, this.#lines[line]!.start);
      }
    }
    return gap;
  }

  #findDash(from: number, to: number, column: number): number {
    for (let line = from; line <= to; line++) {
      const text = this.#lines[line]?.text ?? '';
      if (this.#indentOf(line) === column && text[column] === '-' && (text.length === column + 1 || /\s/.test(text[column + 1]!))) return line;
    }
    throw new LayoutError('cannot find the "-" of a sequence item', this.#lines[to]?.start ?? 0);
  }

  #range(from: number, to: number): number[] {
    const lines: number[] = [];
    for (let line = from; line <= to; line++) lines.push(line);
    return lines;
  }

  #lineOf(offset: number): number {
    let low = 0;
    let high = this.#lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#lines[mid]!.start <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  #indentOf(line: number): number {
    const text = this.#lines[line]?.text ?? '';
    return text.length - text.trimStart().length;
  }

  #isBlank(line: number): boolean {
    return (this.#lines[line]?.text ?? '').trim() === '';
  }
}

/** The entries in canonical order: known keys first in the given order, the others as written. */
function ordered(entries: readonly Entry[], order: readonly string[] | undefined): Entry[] {
  if (!order) return [...entries];
  const rank = (entry: Entry): number => {
    const index = entry.key === undefined ? -1 : order.indexOf(entry.key);
    return index === -1 ? order.length : index;
  };
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index).map((x) => x.entry);
}

/** A block collection value with entries, or undefined (scalars, flow collections, empty values). */
function blockChildren(value: Node | null): YAMLMap | YAMLSeq | undefined {
  if ((isMap(value) || isSeq(value)) && !value.flow && value.items.length > 0) return value;
  return undefined;
}

function firstStart(collection: YAMLMap | YAMLSeq): number {
  const first = collection.items[0] as unknown;
  const node = first && typeof first === 'object' && 'key' in first ? (first as Pair).key : first;
  return writtenRange(node)?.[0] ?? collection.range?.[0] ?? 0;
}

/** The `:   ` between a key and a value on the same line, to write as `: `. */
function colonGap(text: string, keyEnd: number, value: Node | null): { from: number; to: number } | undefined {
  const range = writtenRange(value);
  if (!range) return undefined;
  const between = text.slice(keyEnd, range[0]);
  const match = /^(\s*:)[ \t]+$/.exec(between);
  if (!match || match[1] !== ':') return undefined;
  return { from: keyEnd + 1, to: range[0] };
}

/** The spaces between a sequence item's `-` and its value on the same line, to write as one. */
function dashGap(text: string, dashOffset: number, valueStart: number, sameLine: boolean): { from: number; to: number } | undefined {
  if (!sameLine || !/^[ \t]+$/.test(text.slice(dashOffset + 1, valueStart))) return undefined;
  return { from: dashOffset + 1, to: valueStart };
}

/** Where a comment indented `width` goes: along with the deepest emitted line it is not shallower than. */
function shifted(indents: IndentMap, width: number): number {
  let best: [number, number] | undefined;
  for (const [from, to] of indents) if (from <= width && (!best || from > best[0])) best = [from, to];
  return best ? Math.max(0, best[1] + (width - best[0])) : width;
}
