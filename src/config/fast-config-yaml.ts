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

export function fastParseConfig(file: string, text: string): FastParsedConfig | undefined {
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, { filename: file });
    documents = constructFromEvents(events, { source: text, filename: file, schema: CORE_SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
  if (documents.length !== 1) return undefined;
  const root = positionsOf(events, text);
  if (root === undefined) return undefined;
  return { value: documents[0], positions: fastPositions(file, root) };
}

/** The positions of the one document's nodes, or undefined when the events hold anything the fast read does not vouch for. */
function positionsOf(events: readonly Event[], text: string): NodePosition | undefined {
  let index = 0;
  const first = events[index++];
  if (first?.type !== EVENT_ID.DOCUMENT || first.directives.length > 0) return undefined;

  const node = (): NodePosition | undefined => {
    const event = events[index++];
    if (event === undefined) return undefined;
    switch (event.type) {
      case EVENT_ID.SCALAR:
        if (event.anchorStart !== -1 || event.tagStart !== -1) return undefined;
        return scalarPosition(event);
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
          const key = scalarPosition(keyEvent);
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

/** A scalar's range as yaml gives it: quotes included; none for block scalars, whose ranges differ. */
function scalarPosition(event: ScalarEvent): ScalarPosition {
  if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) return { kind: 'scalar', start: -1, end: -1 };
  if (event.valueStart === -1) return { kind: 'scalar', start: 0, end: 0 };
  const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED ? 1 : 0;
  return { kind: 'scalar', start: event.valueStart - quoted, end: event.valueEnd + quoted };
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
