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
 */
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { ConfigLocator } from './config-locator.js';
import { splitConfigSections, type TextSpan } from './config-sections.js';
import type { PathSegment } from './yaml-locate.js';

/** Kept small: a config of 10,000 keys has some 100,000 of these. */
interface ScalarPosition {
  kind: 'scalar';
  /** start = end for an empty scalar (`key:` with nothing after it); -1 for a block scalar (`|`, `>`), whose range yaml gives. */
  start: number;
  end: number;
}

interface MappingEntry {
  keyStart: number;
  keyEnd: number;
  value: NodePosition;
}

interface MappingPosition {
  kind: 'mapping';
  /** Keys in written order, each with where its key and its value were written. */
  entries: Map<string, MappingEntry>;
}

interface SequencePosition {
  kind: 'sequence';
  items: NodePosition[];
}

type NodePosition = ScalarPosition | MappingPosition | SequencePosition;

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

/** Plain scalars the core schema resolves to something other than a string (null, booleans, numbers). */
const CORE_NON_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)?$/;

/** js-yaml's default bound on nesting; a key section starts one level down (its root is the `keys` mapping's entry). */
const MAX_DEPTH = 100;
/** Text of `keys:` entries read at once: enough to make js-yaml's fixed cost per read small, little enough to keep its events small. */
const KEYS_CHUNK_CHARS = 65_536;

/** `keysChunkChars`: the text of `keys:` entries read at once (tests make it small to read entries one by one). */
export function fastParseConfig(file: string, text: string, options: { keysChunkChars?: number } = {}): FastParsedConfig | undefined {
  const read = readBySections(text, options.keysChunkChars ?? KEYS_CHUNK_CHARS) ?? readDocument(text, 0, MAX_DEPTH);
  return read === undefined ? undefined : { value: read.value, positions: fastPositions(file, read.position) };
}

/** A node read: its plain value and where its parts were written. */
interface ReadNode {
  value: unknown;
  position: NodePosition;
}

/** `text` (which starts at `offset` of the file) as one document, or undefined when the fast read does not vouch for it. */
function readDocument(text: string, offset: number, maxDepth: number): ReadNode | undefined {
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, { maxDepth });
    documents = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
  if (documents.length !== 1) return undefined;
  const position = positionsOf(events, text, offset);
  return position === undefined ? undefined : { value: documents[0], position };
}

/**
 * The file a section at a time (config-sections.ts): each root entry, and the entries of `keys:` some
 * 64 KB of text at a time, read as documents of their own, so that a large config never has the
 * parser's events of the whole file in memory (they took some 45 MB for a 10,000-key config that pins
 * every version, 5 MB of text). Each read costs js-yaml a fixed tenth of a millisecond, so the keys are
 * not read one by one. A section that is not a mapping, or a name met twice, leaves the file to the
 * whole reading.
 */
function readBySections(text: string, chunkChars: number): ReadNode | undefined {
  const sections = splitConfigSections(text);
  if (sections?.keysAt === undefined) return undefined;
  const root = new Map<string, MappingEntry>();
  const rootValue: Record<string, unknown> = {};
  for (const [index, span] of sections.root.entries()) {
    const read = readMapping(text, span, MAX_DEPTH);
    if (read === undefined || read.entries.size !== 1) return undefined;
    const [name, entry] = read.entries.entries().next().value as [string, MappingEntry];
    if (root.has(name)) return undefined;
    let value = read.value[name];
    let position = entry;
    if (index === sections.keysAt) {
      // `keys:` alone on its line: the entries below are its value.
      if (value !== null || entry.value.kind !== 'scalar' || entry.value.end !== entry.value.start) return undefined;
      const keys = readKeys(text, sections.keys, chunkChars);
      if (keys === undefined) return undefined;
      value = keys.value;
      position = { ...entry, value: { kind: 'mapping', entries: keys.entries } };
    }
    root.set(name, position);
    define(rootValue, name, value);
  }
  return { value: rootValue, position: { kind: 'mapping', entries: root } };
}

/** The entries of `keys:`, read in runs of consecutive entries of about `chunkChars`. */
function readKeys(text: string, spans: readonly TextSpan[], chunkChars: number): { value: Record<string, unknown>; entries: Map<string, MappingEntry> } | undefined {
  const entries = new Map<string, MappingEntry>();
  const value: Record<string, unknown> = {};
  for (let first = 0; first < spans.length; ) {
    let last = first;
    while (last + 1 < spans.length && (spans[last + 1] as TextSpan).end - (spans[first] as TextSpan).start <= chunkChars) last += 1;
    // One level down: the chunk's root is the `keys` mapping, the second level of the file.
    const read = readMapping(text, { start: (spans[first] as TextSpan).start, end: (spans[last] as TextSpan).end }, MAX_DEPTH - 1);
    if (read === undefined || read.entries.size !== last - first + 1) return undefined;
    for (const [name, entry] of read.entries) {
      if (entries.has(name)) return undefined;
      entries.set(name, entry);
      define(value, name, read.value[name]);
    }
    first = last + 1;
  }
  return { value, entries };
}

/** A part of the text read as a document whose root is a mapping: its value and its entries' positions. */
function readMapping(text: string, span: TextSpan, maxDepth: number): { value: Record<string, unknown>; entries: Map<string, MappingEntry> } | undefined {
  const read = readDocument(text.slice(span.start, span.end), span.start, maxDepth);
  if (read?.position.kind !== 'mapping') return undefined;
  return { value: read.value as Record<string, unknown>, entries: read.position.entries };
}

/** Sets an own property as js-yaml does, `__proto__` included. */
function define(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
}

/** The positions of the one document's nodes, or undefined when the events hold anything the fast read does not vouch for. */
function positionsOf(events: readonly Event[], text: string, offset: number): NodePosition | undefined {
  let index = 0;
  const first = events[index++];
  if (first?.type !== EVENT_ID.DOCUMENT || first.directives.length > 0) return undefined;

  const node = (): NodePosition | undefined => {
    const event = events[index++];
    if (event === undefined) return undefined;
    switch (event.type) {
      case EVENT_ID.SCALAR:
        if (event.anchorStart !== -1 || event.tagStart !== -1) return undefined;
        return scalarPosition(event, offset);
      case EVENT_ID.MAPPING: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) return undefined;
        const entries = new Map<string, MappingEntry>();
        while (events[index]?.type !== EVENT_ID.POP) {
          const keyEvent = events[index++];
          if (keyEvent?.type !== EVENT_ID.SCALAR || keyEvent.anchorStart !== -1 || keyEvent.tagStart !== -1) return undefined;
          const name = getScalarValue(text, keyEvent);
          if (keyEvent.style === SCALAR_STYLE.PLAIN && CORE_NON_STRING.test(name)) return undefined;
          const value = node();
          if (value === undefined || entries.has(name)) return undefined;
          const key = scalarPosition(keyEvent, offset);
          entries.set(name, { keyStart: key.start, keyEnd: key.end, value });
        }
        index++;
        return { kind: 'mapping', entries };
      }
      case EVENT_ID.SEQUENCE: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) return undefined;
        const items: NodePosition[] = [];
        while (events[index]?.type !== EVENT_ID.POP) {
          const item = node();
          if (item === undefined) return undefined;
          items.push(item);
        }
        index++;
        return { kind: 'sequence', items };
      }
      default:
        return undefined;
    }
  };

  const root = node();
  // Only the closing of the document may follow.
  if (root === undefined || events[index]?.type !== EVENT_ID.POP || index + 1 !== events.length) return undefined;
  return root;
}

/** A scalar's range in the file (its text starts at `offset`) as yaml gives it: quotes included; none for block scalars, whose ranges differ. */
function scalarPosition(event: ScalarEvent, offset: number): ScalarPosition {
  if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) return { kind: 'scalar', start: -1, end: -1 };
  if (event.valueStart === -1) return { kind: 'scalar', start: 0, end: 0 };
  const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED ? 1 : 0;
  return { kind: 'scalar', start: offset + event.valueStart - quoted, end: offset + event.valueEnd + quoted };
}

function fastPositions(file: string, root: NodePosition): FastPositions {
  const range = (start: number, end: number): SourceRange => ({ file, start, end });

  /** The node at the path, and the entry it is the value of (none for the root and sequence items). */
  const walk = (path: readonly PathSegment[]): { node: NodePosition; entry: MappingEntry | undefined } | undefined => {
    let node = root;
    let entry: MappingEntry | undefined;
    for (const segment of path) {
      if (node.kind === 'mapping') {
        entry = node.entries.get(String(segment));
        if (entry === undefined) return undefined;
        node = entry.value;
      } else if (node.kind === 'sequence') {
        const item = typeof segment === 'number' ? node.items[segment] : undefined;
        if (item === undefined) return undefined;
        entry = undefined;
        node = item;
      } else {
        return undefined;
      }
    }
    return { node, entry };
  };

  return {
    valueRange(path) {
      const found = walk(path);
      // A collection's range as yaml gives it runs to the start of the next line, past some comments
      // but not others: those come from yaml, so that a diagnostic points at exactly the same text.
      if (found === undefined || found.node.kind !== 'scalar') return undefined;
      const { start, end } = found.node;
      if (start === -1) return undefined;
      if (end > start) return range(start, end);
      if (found.entry && found.entry.keyEnd > found.entry.keyStart) return range(found.entry.keyStart, found.entry.keyEnd);
      return undefined;
    },
    keyRange(path) {
      const found = walk(path);
      if (found?.entry && found.entry.keyEnd > found.entry.keyStart) return range(found.entry.keyStart, found.entry.keyEnd);
      return undefined;
    },
    mappingKeys(path) {
      const found = walk(path);
      if (found?.node.kind === 'mapping') return [...found.node.entries.keys()];
      return undefined;
    },
  };
}
