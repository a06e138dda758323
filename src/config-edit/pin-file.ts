/**
 * Pins versions in one config file's text and proves the result: the edited text must parse, and its
 * value must be exactly the old value with the IDs filled in and the adopted entries appended. When
 * the proof fails nothing is changed and the requests come back as problems.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import { parseConfigYaml } from '../config/parse-yaml.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { pinEdits, type AdoptRequest, type EditProblem, type PinRequest } from './pin-edits.js';
import { applyTextEdits } from './text-edit.js';

export interface PinFileResult {
  /** The new text; the old text when nothing changed. */
  after: string;
  pinned: PinRequest[];
  adopted: AdoptRequest[];
  alreadyPinned: PinRequest[];
  problems: EditProblem[];
  /** YAML errors that kept the file from being edited at all. */
  diagnostics: Diagnostic[];
}

export function pinFileText(path: string, text: string, pins: readonly PinRequest[], adopts: readonly AdoptRequest[]): PinFileResult {
  const parsed = parseConfigYaml(path, text);
  if (!parsed.value) return { after: text, pinned: [], adopted: [], alreadyPinned: [], problems: [], diagnostics: parsed.diagnostics };
  const planned = pinEdits(text, parsed.value.document, pins, adopts);
  const unchanged = { after: text, pinned: [], adopted: [], alreadyPinned: planned.alreadyPinned, diagnostics: [] };
  if (planned.edits.length === 0) return { ...unchanged, problems: planned.problems };
  const after = applyTextEdits(text, planned.edits);
  const expected = expectedValue(parsed.value.value, planned.pinned, planned.adopted);
  const check = parseDocument(after, { uniqueKeys: true });
  if (check.errors.length > 0 || !isDeepStrictEqual(check.toJS({ maxAliasCount: 100 }), expected)) {
    const message = 'the file has a layout kmsctl cannot edit safely (the edited text did not read back as intended); nothing was changed, pin these by hand';
    const problems = [...planned.pinned, ...planned.adopted].map((r) => ({ key: r.key, message: `${message}: ${r.versionId}` }));
    return { ...unchanged, problems: [...planned.problems, ...problems] };
  }
  return { after, pinned: planned.pinned, adopted: planned.adopted, alreadyPinned: planned.alreadyPinned, problems: planned.problems, diagnostics: [] };
}

/** The old value with the pins and adoptions applied: what the edited text must read back as. */
function expectedValue(value: unknown, pins: readonly PinRequest[], adopts: readonly AdoptRequest[]): unknown {
  const copy = structuredClone(value) as { keys: Record<string, { versions: Record<string, unknown>[] }> };
  for (const pin of pins) {
    const entry = copy.keys[pin.key]?.versions[pin.entry];
    if (entry) entry.id = pin.versionId;
  }
  for (const adopt of adopts) copy.keys[adopt.key]?.versions.push({ id: adopt.versionId });
  return copy;
}
