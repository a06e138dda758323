/**
 * One YAML document read the fast way (fast-config-yaml.ts): js-yaml's events make the plain value, and
 * each node's position is recorded in a PositionTable. Anything the fast read does not vouch for (a
 * syntax error, several documents, a directive, an anchor, alias or tag, a duplicate key, a mapping key
 * that is not a string) makes it answer undefined.
 */
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';
import { MAPPING, SEQUENCE, type EntryKey, type PositionTable } from './position-table.js';

/** js-yaml's default bound on nesting; a section of `keys:` entries starts one level down. */
export const MAX_DEPTH = 100;

/** Plain scalars the core schema resolves to something other than a string (null, booleans, numbers). */
const CORE_NON_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)?$/;

/**
 * `text` (which starts at `offset` of the file) as one document, its nodes recorded in `table`: its root
 * as a node (`node`), or the entries of its root mapping into the table's open mapping (`entries`, with
 * how many). Undefined when the fast read does not vouch for it.
 */
export function readDocument(text: string, offset: number, maxDepth: number, table: PositionTable, into: 'node' | 'entries'): { value: unknown; entries: number } | undefined {
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, { maxDepth });
    documents = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
  if (documents.length !== 1) return undefined;
  const entries = recordDocument(events, text, offset, table, into);
  return entries === undefined ? undefined : { value: documents[0], entries };
}

/** Records the one document's nodes (see readDocument); undefined when the events hold anything the fast read does not vouch for. */
function recordDocument(events: readonly Event[], text: string, offset: number, table: PositionTable, into: 'node' | 'entries'): number | undefined {
  let index = 0;
  const first = events[index++];
  if (first?.type !== EVENT_ID.DOCUMENT || first.directives.length > 0) return undefined;
  // Anchors, aliases and tags are left to yaml.
  const plain = (event: Event | undefined): boolean =>
    (event?.type === EVENT_ID.SCALAR || event?.type === EVENT_ID.MAPPING || event?.type === EVENT_ID.SEQUENCE) && event.anchorStart === -1 && event.tagStart === -1;

  /** The entries of the mapping just opened, up to its end; how many, or undefined. */
  const entries = (): number | undefined => {
    let count = 0;
    while (events[index]?.type !== EVENT_ID.POP) {
      const keyEvent = events[index++];
      if (keyEvent?.type !== EVENT_ID.SCALAR || !plain(keyEvent)) return undefined;
      const name = getScalarValue(text, keyEvent);
      if (keyEvent.style === SCALAR_STYLE.PLAIN && CORE_NON_STRING.test(name)) return undefined;
      const key = scalarSpan(keyEvent, offset);
      if (!node({ name, keyStart: key.start, keyEnd: key.end })) return undefined;
      count += 1;
    }
    index++;
    return count;
  };

  const node = (entry: EntryKey | undefined): boolean => {
    const event = events[index++];
    if (!plain(event)) return false;
    switch (event?.type) {
      case EVENT_ID.SCALAR: {
        const span = scalarSpan(event, offset);
        return table.scalar(entry, span.start, span.end) !== undefined;
      }
      case EVENT_ID.MAPPING: {
        if (table.open(MAPPING, entry) === undefined) return false;
        const read = entries();
        table.close();
        return read !== undefined;
      }
      case EVENT_ID.SEQUENCE: {
        if (table.open(SEQUENCE, entry) === undefined) return false;
        while (events[index]?.type !== EVENT_ID.POP) if (index >= events.length || !node(undefined)) return false;
        index++;
        table.close();
        return true;
      }
      default:
        return false;
    }
  };

  let count: number | undefined = 1;
  if (into === 'node') {
    if (!node(undefined)) return undefined;
  } else {
    const root = events[index++];
    count = root?.type === EVENT_ID.MAPPING && plain(root) ? entries() : undefined;
  }
  // Only the closing of the document may follow.
  if (count === undefined || events[index]?.type !== EVENT_ID.POP || index + 1 !== events.length) return undefined;
  return count;
}

/** A scalar's range in the file (its text starts at `offset`) as yaml gives it: quotes included; -1 for block scalars, whose ranges differ. */
function scalarSpan(event: ScalarEvent, offset: number): { start: number; end: number } {
  if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) return { start: -1, end: -1 };
  if (event.valueStart === -1) return { start: 0, end: 0 };
  const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED ? 1 : 0;
  return { start: offset + event.valueStart - quoted, end: offset + event.valueEnd + quoted };
}

