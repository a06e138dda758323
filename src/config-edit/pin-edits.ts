/**
 * The text edits that pin version entries and adopt drifted versions in one config file. Each pin is
 * one new `id:` line under the entry it fills (`- label: 2026-q4` gains `  id: <uuid>`), each adopted
 * version one new `- id: <uuid>  # adopted: ...` line at the end of the key's `versions` list: lines
 * are only added, never rewritten. Flow-style entries (`{ label: x }`) get the pair added in place.
 */
import { isMap, isSeq, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { sameId } from '../config/version-ids.js';
import { columnAt, lineBreakOf, nextLineStartAt, type TextEdit } from './text-edit.js';
import { contentEnd, keyText, writtenNodeAt } from './yaml-nodes.js';
import { commentText, yamlScalar } from './yaml-scalar.js';

/** Write the ID of a live version into the unpinned entry it matched (or was created for). */
export interface PinRequest {
  /** The key's logical name. */
  key: string;
  /** Index of the entry in the key's `versions` list. */
  entry: number;
  versionId: string;
  /** The entry's label as the plan knew it: the entry must still carry it (undefined: no check). */
  label?: string | undefined;
  /** True when the plan saw the entry without a label, which must still be so. */
  expectNoLabel?: boolean | undefined;
}

/** Append an entry pinning a live version nothing declares. */
export interface AdoptRequest {
  key: string;
  versionId: string;
  /** The comment written after the new entry, e.g. `adopted: created 2026-01-02T03:04:05Z`. */
  comment: string;
}

/** A request that cannot be carried out; the file is left as it is for it. */
export interface EditProblem {
  key: string;
  message: string;
  /** Where in the file, when known. */
  offset?: number | undefined;
}

export interface PinEdits {
  edits: TextEdit[];
  /** Requests that produced an edit. */
  pinned: PinRequest[];
  adopted: AdoptRequest[];
  /** Requests already satisfied (the entry pins that very ID): nothing to do. */
  alreadyPinned: PinRequest[];
  problems: EditProblem[];
}

export function pinEdits(text: string, document: Document, pins: readonly PinRequest[], adopts: readonly AdoptRequest[]): PinEdits {
  const result: PinEdits = { edits: [], pinned: [], adopted: [], alreadyPinned: [], problems: [] };
  const eol = lineBreakOf(text);
  for (const pin of pins) {
    const outcome = pinEdit(text, document, pin, eol);
    if ('problem' in outcome) result.problems.push({ key: pin.key, ...outcome.problem });
    else if (outcome.edit === undefined) result.alreadyPinned.push(pin);
    else {
      result.edits.push(outcome.edit);
      result.pinned.push(pin);
    }
  }
  const byKey = new Map<string, AdoptRequest[]>();
  for (const adopt of adopts) byKey.set(adopt.key, [...(byKey.get(adopt.key) ?? []), adopt]);
  for (const [key, list] of byKey) {
    const outcome = adoptEdit(text, document, key, list, eol);
    if ('problem' in outcome) result.problems.push({ key, ...outcome.problem });
    else if (outcome.edit !== undefined) {
      result.edits.push(outcome.edit);
      result.adopted.push(...list);
    }
  }
  return result;
}

type Outcome = { edit: TextEdit | undefined } | { problem: Omit<EditProblem, 'key'> };

function pinEdit(text: string, document: Document, pin: PinRequest, eol: string): Outcome {
  const where = `versions[${pin.entry}] of key "${pin.key}"`;
  const entry = writtenNodeAt(document, ['keys', pin.key, 'versions', pin.entry]);
  if (!isMap(entry)) return { problem: { message: `${where} is not a mapping in the file any more; pin ${pin.versionId} by hand` } };
  const offset = entry.range?.[0];
  const existing = pairValue(entry, 'id');
  if (existing !== undefined) {
    if (sameId(existing, pin.versionId)) return { edit: undefined };
    return { problem: { message: `${where} already pins ${existing}, not ${pin.versionId}`, offset } };
  }
  const label = pairValue(entry, 'label');
  if ((pin.label !== undefined && label !== pin.label) || (pin.expectNoLabel === true && label !== undefined)) {
    const was = pin.label === undefined ? 'no label' : `label ${JSON.stringify(pin.label)}`;
    return { problem: { message: `${where} changed since the plan (it had ${was}); pin ${pin.versionId} by hand`, offset } };
  }
  const pair = `id: ${yamlScalar(pin.versionId)}`;
  if (entry.flow) return { edit: flowInsertion(text, entry, pair) };
  const firstKey = (entry.items[0] as Pair | undefined)?.key as Node | undefined;
  const keyStart = firstKey?.range?.[0];
  if (keyStart === undefined) return { problem: { message: `${where} has an unusual layout; pin ${pin.versionId} by hand`, offset } };
  return { edit: lineInsertion(text, contentEnd(text, entry), `${' '.repeat(columnAt(text, keyStart))}${pair}`, eol) };
}

function adoptEdit(text: string, document: Document, key: string, adopts: readonly AdoptRequest[], eol: string): Outcome {
  const versions = writtenNodeAt(document, ['keys', key, 'versions']);
  if (!isSeq(versions)) return { problem: { message: `key "${key}" has no "versions" list in the file to add ${adopts.map((a) => a.versionId).join(', ')} to` } };
  if (versions.flow) {
    return { edit: flowInsertion(text, versions, adopts.map((a) => `{ id: ${yamlScalar(a.versionId)} }`).join(', ')) };
  }
  const start = versions.range?.[0];
  if (start === undefined || versions.items.length === 0) return { problem: { message: `key "${key}" has an empty "versions" list; add ${adopts.map((a) => a.versionId).join(', ')} by hand` } };
  const indent = ' '.repeat(columnAt(text, start));
  const lines = adopts.map((a) => {
    const comment = commentText(a.comment);
    return `${indent}- id: ${yamlScalar(a.versionId)}${comment === '' ? '' : `  # ${comment}`}`;
  });
  return { edit: lineInsertion(text, contentEnd(text, versions), lines.join(eol), eol) };
}

/** New lines after the line where `contentEndOffset` falls. */
function lineInsertion(text: string, contentEndOffset: number, lines: string, eol: string): TextEdit {
  const at = nextLineStartAt(text, contentEndOffset);
  const endsWithBreak = at > 0 && (text[at - 1] === '\n' || text[at - 1] === '\r');
  return { start: at, end: at, text: endsWithBreak ? `${lines}${eol}` : `${eol}${lines}` };
}

/** `, item` after the last item of a flow collection, or `item` right after its opening bracket. */
function flowInsertion(text: string, collection: YAMLMap | YAMLSeq, item: string): TextEdit {
  if (collection.items.length > 0) {
    const end = contentEnd(text, collection);
    // contentEnd of a flow collection is its closing bracket: insert before it, after the last item.
    let at = end - 1;
    while (at > 0 && /\s/.test(text[at - 1] ?? '')) at--;
    if (text[at - 1] === ',') at--;
    return { start: at, end: at, text: `, ${item}` };
  }
  const open = collection.range?.[0] ?? 0;
  return { start: open + 1, end: open + 1, text: item };
}

function pairValue(map: YAMLMap, key: string): string | undefined {
  const pair = map.items.find((item) => keyText(item as Pair) === key) as Pair | undefined;
  const value = pair?.value as { value?: unknown } | null | undefined;
  return value && typeof value.value === 'string' ? value.value : value?.value === undefined || value.value === null ? undefined : String(value.value);
}
