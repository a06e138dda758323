/**
 * The fast config parser reads plain files and steps aside for everything else, and wherever it reads
 * a file it gives what yaml gives: the same value, every mapping key and scalar value at the same
 * range, mapping keys in the same order. Differential properties over random texts check the latter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { documentLocator } from '../../src/config/document-locator.js';
import { duplicateKeys } from '../../src/config/duplicate-keys.js';
import { fastParseConfig, recordingLocator } from '../../src/config/fast-config-yaml.js';
import type { PathSegment } from '../../src/config/yaml-locate.js';
import { applyEdits } from '../builders/text-edits.js';
import { VALID } from './load-helpers.js';

const RUNS = Number(process.env['KMSCTL_PROPERTY_RUNS'] ?? 150);

/** Every path into a plain value, plus one path that leads nowhere under each mapping. */
function pathsOf(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  const paths: PathSegment[][] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
    paths.push([...prefix, 'no-such-field']);
  }
  return paths;
}

let placed = 0;

/** When the fast parser reads the text, yaml reads it cleanly to the same value and places everything alike. Returns whether it read it. */
function agreesWithYaml(text: string): boolean {
  const fast = fastParseConfig('kmsctl.yaml', text);
  if (fast === undefined) return false;
  const document = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  expect(document.errors.map((e) => e.message), text).toEqual([]);
  expect(document.warnings.map((e) => e.message), text).toEqual([]);
  expect(duplicateKeys(document), text).toEqual([]);
  const value = document.toJS() as unknown;
  expect(fast.value, text).toEqual(value);
  const exact = documentLocator(document, 'kmsctl.yaml');
  for (const path of pathsOf(value)) {
    const answers = [
      [fast.positions.keyRange(path), exact.keyRange(path), 'key'],
      [fast.positions.valueRange(path), exact.valueRange(path), 'value'],
      [fast.positions.mappingKeys(path), exact.mappingKeys(path), 'keys'],
    ] as const;
    for (const [fastAnswer, yamlAnswer, what] of answers) {
      if (fastAnswer === undefined) continue;
      placed += 1;
      expect(fastAnswer, `${text}\n${what} at ${JSON.stringify(path)}`).toEqual(yamlAnswer);
    }
  }
  return true;
}

const edit = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 8 }),
  insert: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(':', '-', ' ', '\n', '  ', '[', '{', '}', ']', ',', '"', "'", '#', '\t', '---', '? ', '|', '>', '0x1', '~', 'null', '1e3', '\\', '%')),
});

describe('fastParseConfig', () => {
  it('reads the example configs and the usual config shape', () => {
    const dir = join(import.meta.dirname, '../../examples/configs');
    const examples = [VALID, ...readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')), readFileSync(join(import.meta.dirname, '../../examples/kmsctl.yaml'), 'utf8')];
    placed = 0;
    for (const text of examples) expect(agreesWithYaml(text), text).toBe(true);
    // Every key name and scalar value of these files is placed by the fast read itself.
    expect(placed).toBeGreaterThan(100);
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['an empty file', ''],
    ['a comment only', '# nothing\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a key quoted once and plain once', 'a: 1\n"a": 2\n'],
    ['a number as a mapping key', 'keys:\n  123: {keyId: k}\n'],
    ['null as a mapping key', '~: 1\n'],
    ['a collection as a mapping key', '? [a]\n: 1\n'],
    ['a syntax error', 'keys: [\n'],
    ['a tab as indentation', 'keys:\n\tb: 1\n'],
  ])('steps aside for %s', (_what, text) => {
    expect(fastParseConfig('kmsctl.yaml', text)).toBeUndefined();
  });

  it('leaves to yaml the ranges of block scalars and collections, and paths that lead nowhere', () => {
    const text = 'keys:\n  a:\n    keyId: |\n      alias/x\n    versions: [{id: v}]\n';
    expect(agreesWithYaml(text)).toBe(true);
    const { positions } = fastParseConfig('kmsctl.yaml', text)!;
    expect(positions.valueRange(['keys', 'a', 'keyId'])).toBeUndefined();
    expect(positions.valueRange(['keys', 'a', 'versions', 0])).toBeUndefined();
    expect(positions.keyRange(['keys', 'b'])).toBeUndefined();
    expect(positions.keyRange(['keys', 'a'])).toEqual({ file: 'kmsctl.yaml', start: text.indexOf('a:'), end: text.indexOf('a:') + 1 });
    expect(positions.valueRange(['keys', 'a', 'versions', 0, 'id'])).toEqual({ file: 'kmsctl.yaml', start: text.indexOf('v}'), end: text.indexOf('v}') + 1 });
  });

  it('has the loader\'s locator note a range it could not place, and give the start of the file for it', () => {
    const text = 'keys:\n  a:\n    keyId: alias/x\n    versions: [{id: v}]\n';
    const recording = recordingLocator('kmsctl.yaml', fastParseConfig('kmsctl.yaml', text)!.positions);
    expect(recording.locator.keyRange(['keys', 'a'])).toEqual({ file: 'kmsctl.yaml', start: text.indexOf('a:'), end: text.indexOf('a:') + 1 });
    expect(recording.missed()).toBe(false);
    expect(recording.locator.valueRange(['keys', 'a', 'versions', 0])).toEqual({ file: 'kmsctl.yaml', start: 0, end: 0 });
    expect(recording.missed()).toBe(true);
  });

  it('agrees with yaml on random edits of a valid config', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        if (agreesWithYaml(applyEdits(VALID, edits))) read += 1;
      }),
      { numRuns: RUNS * 4 },
    );
    // The property is only worth something if the fast parser reads a fair share of the texts.
    expect(read).toBeGreaterThan(RUNS / 4);
  });

  it('agrees with yaml on any plain value, as yaml and js-yaml write it', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, withYaml) => {
        const text = withYaml ? stringify(value) : dump(value);
        if (agreesWithYaml(text)) read += 1;
      }),
      { numRuns: RUNS * 2 },
    );
    expect(read).toBeGreaterThan(RUNS / 2);
  });
});
