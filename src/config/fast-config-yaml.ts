/**
 * The fast way to read a config file. yaml (the parser that keeps every token, used for diagnostics and
 * for writing files back) costs about a second and 100 MB of memory for a 1 MB config of 10,000 keys;
 * js-yaml's event parser reads the same file in about a third of a second and a third of the memory.
 *
 * It is used only where it cannot change the outcome: a plain file of mappings, sequences and scalars,
 * resolved with the same YAML 1.2 core schema. Anything else (a syntax error, a duplicate key, an
 * anchor, alias, tag or directive, several documents, a mapping key that is not a string) returns
 * undefined, and the caller reads the file with yaml as before, which reports every problem with its
 * position. Ranges of a fast read are the ranges yaml gives for scalars; anything it cannot place
 * exactly (a collection, a block scalar, a path that leads nowhere) it answers with undefined
 * (`positions`). The loader's locator over it (`recordingLocator`) notes such a miss, and load-config.ts
 * then reads the config again with yaml. That happens when a diagnostic needs such a range, which is
 * rare on a file the schema accepted.
 *
 * A large config is read in sections (config-sections.ts) and its positions kept in rows of typed
 * arrays (position-table.ts): see those files for what each buys.
 */
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { ConfigLocator } from './config-locator.js';
import { splitConfigSections, type TextSpan } from './config-sections.js';
import { MAX_DEPTH, readDocument } from './fast-read-document.js';
import { MAPPING, PositionTable, SCALAR } from './position-table.js';
import type { PathSegment } from './yaml-locate.js';

/** Where things were written, as yaml gives it, or undefined where the fast read cannot tell exactly. */
export interface FastPositions {
  valueRange(path: readonly PathSegment[]): SourceRange | undefined;
  keyRange(path: readonly PathSegment[]): SourceRange | undefined;
  mappingKeys(path: readonly PathSegment[]): string[] | undefined;
}

export interface FastParsedConfig {
  value: unknown;
  positions: FastPositions;
}

/** A ConfigLocator over fast positions, and whether it was asked for anything they could not place. */
export interface RecordingLocator {
  locator: ConfigLocator;
  /** True once an answer was a stand-in (the start of the file): the file must be read with yaml. */
  missed(): boolean;
}

export function recordingLocator(file: string, positions: FastPositions): RecordingLocator {
  let missed = false;
  const standIn: SourceRange = { file, start: 0, end: 0 };
  const exactly = <T>(answer: T | undefined, otherwise: T): T => {
    if (answer !== undefined) return answer;
    missed = true;
    return otherwise;
  };
  return {
    locator: {
      valueRange: (path) => exactly(positions.valueRange(path), standIn),
      keyRange: (path) => exactly(positions.keyRange(path), standIn),
      mappingKeys: (path) => exactly(positions.mappingKeys(path), []),
    },
    missed: () => missed,
  };
}

/** Text of `keys:` entries read at once: enough to make js-yaml's fixed cost per read small, little enough to keep its events small. */
const KEYS_CHUNK_CHARS = 65_536;

/** `keysChunkChars`: the text of `keys:` entries read at once (tests make it small to read entries one by one). */
export function fastParseConfig(file: string, text: string, options: { keysChunkChars?: number } = {}): FastParsedConfig | undefined {
  const read = readBySections(text, options.keysChunkChars ?? KEYS_CHUNK_CHARS) ?? readWhole(text);
  if (read === undefined) return undefined;
  read.table.finish();
  return { value: read.value, positions: fastPositions(file, read.table) };
}

/** A file read: its plain value and where its nodes were written (the root is node 0). */
interface FileRead {
  value: unknown;
  table: PositionTable;
}

function readWhole(text: string): FileRead | undefined {
  const table = new PositionTable();
  const read = readDocument(text, 0, MAX_DEPTH, table, 'node');
  return read === undefined ? undefined : { value: read.value, table };
}

/**
 * The file a section at a time (config-sections.ts): each root entry, and the entries of `keys:` some
 * 64 KB of text at a time, read as documents of their own, so that a large config never has the
 * parser's events of the whole file in memory (they took some 45 MB for a 10,000-key config that pins
 * every version, 5 MB of text). Each read costs js-yaml a fixed tenth of a millisecond, so the keys are
 * not read one by one. A section that is not a mapping, or a name met twice, leaves the file to the
 * whole reading.
 */
function readBySections(text: string, chunkChars: number): FileRead | undefined {
  const sections = splitConfigSections(text);
  if (sections?.keysAt === undefined) return undefined;
  const table = new PositionTable();
  table.open(MAPPING, undefined);
  const rootValue: Record<string, unknown> = {};
  for (const [index, span] of sections.root.entries()) {
    const node = table.size;
    const read = readDocument(text.slice(span.start, span.end), span.start, MAX_DEPTH, table, 'entries');
    if (read?.entries !== 1) return undefined;
    const name = table.nameOf(node) ?? '';
    let value = (read.value as Record<string, unknown>)[name];
    if (index === sections.keysAt) {
      // `keys:` alone on its line: the entries below are its value.
      const empty = table.valueSpan(node);
      if (value !== null || table.kind(node) !== SCALAR || empty === undefined || empty.end !== empty.start) return undefined;
      table.reopenAsMapping(node);
      value = readKeys(text, sections.keys, chunkChars, table);
      table.close();
      if (value === undefined) return undefined;
    }
    define(rootValue, name, value);
  }
  table.close();
  return { value: rootValue, table };
}

/** The entries of `keys:` into the table's open mapping, read in runs of consecutive entries of about `chunkChars`; their value. */
function readKeys(text: string, spans: readonly TextSpan[], chunkChars: number, table: PositionTable): Record<string, unknown> | undefined {
  const value: Record<string, unknown> = {};
  for (let first = 0; first < spans.length; ) {
    let last = first;
    while (last + 1 < spans.length && (spans[last + 1] as TextSpan).end - (spans[first] as TextSpan).start <= chunkChars) last += 1;
    const start = (spans[first] as TextSpan).start;
    // One level down: the chunk's root is the `keys` mapping, the second level of the file.
    const read = readDocument(text.slice(start, (spans[last] as TextSpan).end), start, MAX_DEPTH - 1, table, 'entries');
    if (read?.entries !== last - first + 1) return undefined;
    for (const [name, item] of Object.entries(read.value as Record<string, unknown>)) define(value, name, item);
    first = last + 1;
  }
  return value;
}

/** Sets an own property as js-yaml does, `__proto__` included. */
function define(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
}

function fastPositions(file: string, table: PositionTable): FastPositions {
  const range = (span: { start: number; end: number } | undefined): SourceRange | undefined => (span !== undefined && span.end > span.start ? { file, start: span.start, end: span.end } : undefined);

  /** The node at the path, or undefined. */
  const walk = (path: readonly PathSegment[]): number | undefined => {
    let node: number | undefined = 0;
    for (const segment of path) {
      node = table.child(node, segment);
      if (node === undefined) return undefined;
    }
    return node;
  };

  return {
    valueRange(path) {
      const node = walk(path);
      // A collection's range as yaml gives it runs to the start of the next line, past some comments
      // but not others: those come from yaml, so that a diagnostic points at exactly the same text.
      if (node === undefined || table.kind(node) !== SCALAR) return undefined;
      const value = table.valueSpan(node);
      if (value === undefined) return undefined;
      return range(value) ?? range(table.keySpan(node));
    },
    keyRange(path) {
      const node = walk(path);
      return node === undefined ? undefined : range(table.keySpan(node));
    },
    mappingKeys(path) {
      const node = walk(path);
      return node !== undefined && table.kind(node) === MAPPING ? table.names(node) : undefined;
    },
  };
}
