import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonTextWriter } from '../../src/render/json-text-writer.js';

const written = (value: unknown): string => {
  const out = new JsonTextWriter();
  out.value(value);
  return out.take();
};

/** Strings of any UTF-16 code units: quotes, backslashes, control characters, lone surrogates. */
const codeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom('"', '\\', '\n', '\u0000', 'a', 'é'),
);
const anyText = fc.string({ unit: codeUnit });
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    anyText,
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(anyText, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('JsonTextWriter', () => {
  it('writes any value exactly as JSON.stringify(value, null, 2)', () => {
    fc.assert(
      fc.property(jsonish, (value) => {
        // JSON.stringify gives undefined (no text) where the writer writes nothing.
        expect(written(value)).toBe(JSON.stringify(value, null, 2) ?? '');
      }),
      { numRuns: 500 },
    );
  });

  it('calls toJSON, unboxes primitives, and writes what JSON cannot hold as JSON.stringify does', () => {
    const value = {
      when: new Date(Date.UTC(2026, 11, 5)),
      boxed: [Object('text'), Object(2), Object(false)],
      gone: undefined,
      fn: () => 1,
      inArray: [undefined, () => 1, Symbol('s'), Number.NaN, -0, Infinity],
      empty: { inner: [], nested: {} },
    };
    expect(written(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('writes a document container by container as it would write it whole', () => {
    const out = new JsonTextWriter();
    out.beginObject();
    out.entry('a', 1);
    out.entry('skipped', undefined);
    out.name('list');
    out.beginArray();
    for (const item of [{ x: 'é"\n' }, [], 'z']) out.value(item);
    out.end();
    out.name('none');
    out.beginArray();
    out.end();
    out.end();
    expect(out.take()).toBe(JSON.stringify({ a: 1, list: [{ x: 'é"\n' }, [], 'z'], none: [] }, null, 2));
    expect(out.length).toBe(0);
  });

  it('hands the text on in pieces that join to the whole', () => {
    const out = new JsonTextWriter();
    const pieces: string[] = [];
    out.beginArray();
    for (let i = 0; i < 50; i++) {
      out.value({ i, text: `item ${i}` });
      if (out.length > 100) pieces.push(out.take());
    }
    out.end();
    pieces.push(out.take());
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ i, text: `item ${i}` })), null, 2));
  });

  it('refuses misuse instead of writing broken JSON', () => {
    const out = new JsonTextWriter();
    expect(() => out.end()).toThrow(/nothing open/);
    out.beginObject();
    expect(() => out.value(1)).toThrow(/name first/);
    out.name('a');
    expect(() => out.value(undefined)).toThrow(/needs a value/);
    expect(() => written(10n)).toThrow(TypeError);
  });
});
