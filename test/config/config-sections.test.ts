/**
 * A large config is read a few keys at a time, never the whole file at once, and whatever the pieces,
 * the fast reader gives what yaml gives for the whole file: the same value, every key and scalar at the
 * same range, mapping keys in the same order; where a piece does not read on its own, the whole file
 * is read as before.
 */
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it, vi } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { splitConfigSections } from '../../src/config/config-sections.js';
import { documentLocator } from '../../src/config/document-locator.js';
import { duplicateKeys } from '../../src/config/duplicate-keys.js';
import { fastParseConfig } from '../../src/config/fast-config-yaml.js';
import type { PathSegment } from '../../src/config/yaml-locate.js';
import { applyEdits } from '../builders/text-edits.js';

const parsed: number[] = [];
vi.mock('js-yaml', async (original) => {
  const actual = await original<typeof import('js-yaml')>();
  return {
    ...actual,
    parseEvents: (input: string, options: Parameters<typeof actual.parseEvents>[1]) => {
      parsed.push(input.length);
      return actual.parseEvents(input, options);
    },
  };
});

const RUNS = Number(process.env['KMSCTL_PROPERTY_RUNS'] ?? 150);

const THREE_KEYS = `version: 1
# the keys of the payments team
defaults:
  region: cn-hangzhou
keys:
  payments-signing:
    keyId: alias/payments-signing
    versions:
      - id: 2ab1a983-7072-4bbc-a582-584b5bd8aaaa
      - label: 2026-q4
    rotation:
      maxAge: 90d

  # audit logs rotate yearly
  audit-log: {keyId: alias/audit-log, rotation: {maxAge: 365d}}
  "invoices":
    keyId: 'alias/invoices'
    maxVersions: 40
accounts:
  payments-prod:
    roleArn: acs:ram::1234567890123456:role/kmsctl
`;

function pathsOf(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  const paths: PathSegment[][] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
    paths.push([...prefix, 'no-such-field']);
  }
  return paths;
}

/** When the fast reader reads the text in pieces of `chunk` characters, yaml reads the whole text to the same value and places everything alike. */
function agreesWithYaml(text: string, chunk: number): boolean {
  const fast = fastParseConfig('kmsctl.yaml', text, { keysChunkChars: chunk });
  if (fast === undefined) return false;
  const document = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  expect(document.errors.map((e) => e.message), text).toEqual([]);
  expect(duplicateKeys(document), text).toEqual([]);
  const value = document.toJS() as unknown;
  expect(fast.value, text).toEqual(value);
  const exact = documentLocator(document, 'kmsctl.yaml');
  for (const path of pathsOf(value)) {
    const key = fast.positions.keyRange(path);
    if (key !== undefined) expect(key, `${text}\nkey at ${JSON.stringify(path)}`).toEqual(exact.keyRange(path));
    const at = fast.positions.valueRange(path);
    if (at !== undefined) expect(at, `${text}\nvalue at ${JSON.stringify(path)}`).toEqual(exact.valueRange(path));
    const keys = fast.positions.mappingKeys(path);
    if (keys !== undefined) expect(keys, `${text}\nkeys at ${JSON.stringify(path)}`).toEqual(exact.mappingKeys(path));
  }
  return true;
}

const edit = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 8 }),
  insert: fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(':', '-', ' ', '\n', '  ', '[', '{', '}', ']', ',', '"', "'", '#', '\t', '---', '...', '? ', '|', '>', '~', '\\', '%', '\n  k:\n', '\nkeys:\n', '\n  ', '\n    ', '\r\n', '&a ', '*a'),
  ),
});

describe('reading a config in sections', () => {
  it('splits a config into its root entries and the entries of keys, comments staying with the entry before', () => {
    const sections = splitConfigSections(THREE_KEYS)!;
    const texts = (spans: { start: number; end: number }[]) => spans.map((s) => THREE_KEYS.slice(s.start, s.end).split('\n')[0]);
    expect(texts(sections.root)).toEqual(['version: 1', 'defaults:', 'keys:', 'accounts:']);
    expect(sections.keysAt).toBe(2);
    expect(texts(sections.keys)).toEqual(['  payments-signing:', '  audit-log: {keyId: alias/audit-log, rotation: {maxAge: 365d}}', '  "invoices":']);
    expect(THREE_KEYS.slice(sections.keys[0]!.start, sections.keys[0]!.end)).toContain('# audit logs rotate yearly');
  });

  it.each([
    ['a tab in an indentation', 'keys:\n\ta: 1\n'],
    ['keys twice', 'keys:\n  a: {keyId: x}\nkeys:\n  b: {keyId: y}\n'],
    ['a line less indented than the keys', 'keys:\n    a: {keyId: x}\n  b: {keyId: y}\n'],
    ['a document end marker', 'version: 1\n...  a: 1\nkeys:\n  b: {keyId: y}\n'],
    ['a document start marker', 'keys:\n  b: {keyId: y}\n--- # next\n'],
    ['a directive', '%YAML 1.2\nkeys:\n  b: {keyId: y}\n'],
  ])('does not split a config with %s', (_what, text) => {
    expect(splitConfigSections(text)).toBeUndefined();
  });

  it('reads a config of many keys in pieces much smaller than the file', () => {
    const lines = ['version: 1', 'keys:'];
    for (let i = 0; i < 3000; i++) lines.push(`  k${i}:`, `    keyId: alias/k${i}`, '    versions:', ...Array.from({ length: 5 }, (_, v) => `      - id: 2ab1a983-7072-4bbc-a582-${String(i * 10 + v).padStart(12, '0')}`));
    const text = `${lines.join('\n')}\n`;
    parsed.length = 0;
    const fast = fastParseConfig('kmsctl.yaml', text);
    expect(Object.keys((fast?.value as { keys: object }).keys)).toHaveLength(3000);
    expect(parsed.length).toBeGreaterThan(2);
    expect(Math.max(...parsed)).toBeLessThan(70_000);
    expect(fast?.positions.keyRange(['keys', 'k2999', 'versions', 4, 'id'])).toEqual({ file: 'kmsctl.yaml', start: text.lastIndexOf('id: '), end: text.lastIndexOf('id: ') + 2 });
  });

  it('leaves a config nested too deep for the whole reading to yaml, in pieces too', () => {
    const nested = (depth: number) => `keys:\n  a:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(4 + 2 * i)}b:\n`).join('')}`;
    for (const depth of [96, 97, 98, 99]) expect(fastParseConfig('kmsctl.yaml', nested(depth), { keysChunkChars: 1 }) === undefined).toBe(fastParseConfig('kmsctl.yaml', nested(depth), { keysChunkChars: 1e9 }) === undefined);
  });

  it('agrees with yaml on random edits of a config of several keys, whatever the size of the pieces', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 300 }), (edits, chunk) => {
        if (agreesWithYaml(applyEdits(THREE_KEYS, edits), chunk)) read += 1;
      }),
      { numRuns: RUNS * 4 },
    );
    expect(read).toBeGreaterThan(RUNS / 4);
  });

  it('agrees with yaml on any keys, as yaml and js-yaml write them', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), fc.integer({ min: 1, max: 300 }), (keys, other, withYaml, chunk) => {
        const value = { version: 1, defaults: other, keys, after: other };
        if (agreesWithYaml(withYaml ? stringify(value) : dump(value), chunk)) read += 1;
      }),
      { numRuns: RUNS * 2 },
    );
    expect(read).toBeGreaterThan(RUNS / 2);
  });
});
