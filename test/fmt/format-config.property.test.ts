import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { comments, formatConfigText } from '../../src/config-edit/format-config.js';
import { configModel, renderConfig } from './config-layouts.js';

describe('formatConfigText on configs laid out in every way', () => {
  it('keeps the value and every comment, is stable, and indents by two', () => {
    fc.assert(
      fc.property(configModel(), (model) => {
        const text = renderConfig(model);
        const document = parseDocument(text);
        fc.pre(document.errors.length === 0);
        const result = formatConfigText('k.yaml', text);
        expect(result.diagnostics, text).toEqual([]);
        const formatted = result.text!;
        expect(parse(formatted)).toEqual(parse(text));
        expect(comments(formatted)).toEqual(comments(text));
        expect(formatConfigText('k.yaml', formatted).text).toBe(formatted);
        for (const line of formatted.split('\n')) {
          const indent = line.length - line.trimStart().length;
          if (!line.trimStart().startsWith('#')) expect(indent % 2, `${JSON.stringify(line)} in\n${formatted}`).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('puts the fields of a key and of a version entry in canonical order', () => {
    fc.assert(
      fc.property(configModel({ flowEntries: true, withIds: true }), (model) => {
        const text = renderConfig(model);
        fc.pre(parseDocument(text).errors.length === 0);
        const formatted = formatConfigText('k.yaml', text).text!;
        const document = parseDocument(formatted);
        const keys = document.get('keys') as { items: { value: { items: { key: { value: string }; value: unknown }[] } }[] };
        const canonical = ['account', 'keyId', 'region', 'versions', 'rotation', 'maxVersions'];
        for (const key of keys.items) {
          const names = key.value.items.map((p) => p.key.value);
          expect(names).toEqual(canonical.filter((n) => names.includes(n)));
          const versions = key.value.items.find((p) => p.key.value === 'versions')?.value as { items: { items: { key: { value: string } }[] }[] } | undefined;
          for (const entry of versions?.items ?? []) {
            const fields = entry.items.map((p) => p.key.value);
            expect(fields).toEqual(['label', 'id'].filter((n) => fields.includes(n)));
          }
          const rotation = key.value.items.find((p) => p.key.value === 'rotation')?.value as { flow?: boolean; items: { key: { value: string } }[] } | undefined;
          if (rotation && !rotation.flow) expect(rotation.items.map((p) => p.key.value)).toEqual(['maxAge', 'warnBefore'].filter((n) => rotation.items.some((p) => p.key.value === n)));
        }
      }),
      { numRuns: 200 },
    );
  });
});
