import { diffLines } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import type { AdoptRequest, PinRequest } from '../../src/config-edit/pin-edits.js';
import { pinFileText } from '../../src/config-edit/pin-file.js';
import { configModel, renderConfig } from '../fmt/config-layouts.js';

type Value = { keys: Record<string, { versions?: { id?: string; label?: string }[] }> };

describe('pinFileText on configs laid out in every way', () => {
  it('only adds id lines: every line of the file stays, in order, and the value gains exactly the IDs', () => {
    fc.assert(
      fc.property(configModel({ flowEntries: false, withIds: true }), fc.infiniteStream(fc.uuid()), fc.boolean(), (model, uuids, adopt) => {
        const before = renderConfig(model);
        fc.pre(parseDocument(before).errors.length === 0);
        const value = parse(before) as Value;
        const pins: PinRequest[] = [];
        const adopts: AdoptRequest[] = [];
        const ids = uuids[Symbol.iterator]();
        for (const [key, declared] of Object.entries(value.keys)) {
          (declared.versions ?? []).forEach((entry, index) => {
            if (entry.id === undefined) pins.push({ key, entry: index, versionId: ids.next().value!.toLowerCase(), label: entry.label, expectNoLabel: entry.label === undefined });
          });
          if (adopt && declared.versions) adopts.push({ key, versionId: ids.next().value!.toLowerCase(), comment: 'adopted: created 2026-01-02T03:04:05Z' });
        }
        const result = pinFileText('k.yaml', before, pins, adopts);
        expect(result.problems, before).toEqual([]);
        expect(result.pinned).toHaveLength(pins.length);
        const changes = diffLines(before, result.after);
        expect(changes.filter((c) => c.removed)).toEqual([]);
        for (const change of changes.filter((c) => c.added)) {
          for (const line of change.value.split('\n').filter((l) => l !== '')) expect(line).toMatch(/^ *(- )?id: [0-9a-f-]{36}( {2}# adopted: created \S+)?$/);
        }
        const expected = structuredClone(value);
        for (const pin of pins) expected.keys[pin.key]!.versions![pin.entry]!.id = pin.versionId;
        for (const a of adopts) expected.keys[a.key]!.versions!.push({ id: a.versionId });
        expect(parse(result.after)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
