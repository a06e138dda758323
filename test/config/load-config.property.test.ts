/**
 * Whatever the files hold, loadConfig returns diagnostics instead of throwing, every range lies inside
 * its file, and the formatters can render every diagnostic.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { diagnosticsToJson } from '../../src/diagnostics/format-json.js';
import { formatDiagnosticsLines } from '../../src/diagnostics/format-line.js';
import { formatDiagnosticsText } from '../../src/diagnostics/format-text.js';
import { VALID, VALID_OBJECT, workspace } from './load-helpers.js';
import { applyEdits } from '../builders/text-edits.js';

const RUNS = Number(process.env['KMSCTL_PROPERTY_RUNS'] ?? 150);

async function loadText(dir: string, text: string, env: Record<string, string | undefined> = {}): Promise<LoadedConfig> {
  await writeFile(join(dir, 'kmsctl.yaml'), text);
  return loadConfig({ files: [], cwd: dir, env });
}

/** The invariants every load result keeps. */
function checkResult(result: LoadedConfig): void {
  for (const d of result.diagnostics) {
    expect(d.code).toMatch(/^config\.[a-z-]+$/);
    expect(d.summary.length).toBeGreaterThan(0);
    for (const source of [d.source, ...(d.related ?? []).map((r) => r.source)]) {
      if (!source) continue;
      const text = result.sources.get(source.file) ?? '';
      expect(source.start).toBeGreaterThanOrEqual(0);
      expect(source.end).toBeGreaterThanOrEqual(source.start);
      expect(source.end).toBeLessThanOrEqual(text.length);
    }
  }
  expect(result.value === undefined).toBe(hasErrors(result.diagnostics));
  formatDiagnosticsText(result.diagnostics, result.sources, { color: true });
  formatDiagnosticsLines(result.diagnostics, result.sources);
  JSON.stringify(diagnosticsToJson(result.diagnostics, result.sources));
}

/** Text edits: insert, delete or replace a slice of the text at a random place. */
const edit = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 8 }),
  insert: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(':', '-', ' ', '\n', '  ', '[', '{', '&a', '*a', '!!', '"', "'", '#', '\t', '---', '? ')),
});

/** A structural mutation: set a random path of the valid config to a random value. */
const PATHS: string[][] = [
  [],
  ['version'],
  ['defaults'],
  ['defaults', 'region'],
  ['keys'],
  ['keys', 'payments-signing'],
  ['keys', 'payments-signing', 'keyId'],
  ['keys', 'payments-signing', 'region'],
  ['keys', 'payments-signing', 'versions'],
  ['keys', 'payments-signing', 'versions', '0'],
  ['keys', 'payments-signing', 'versions', '1', 'label'],
  ['keys', 'payments-signing', 'versions', '0', 'id'],
  ['keys', 'payments-signing', 'rotation'],
  ['keys', 'payments-signing', 'rotation', 'maxAge'],
  ['keys', 'payments-signing', 'maxVersions'],
  ['keys', 'constructor'],
  ['keys', '__proto__'],
  ['keys', '123'],
  ['keys', 'payments-signing', 'toString'],
  ['keys', 'payments-signing', 'account'],
  ['keys', 'payments-signing', 'rotation', 'warnBefore'],
  ['accounts'],
  ['accounts', 'prod'],
  ['accounts', 'prod', 'roleArn'],
  ['accounts', 'prod', 'profile'],
  ['accounts', 'prod', 'durationSeconds'],
  ['defaults', 'account'],
  ['defaults', 'rotation'],
  ['defaults', 'rotation', 'maxAge'],
  ['defaults', 'rotation', 'warnBefore'],
  ['defaults', 'maxVersions'],
];

function setPath(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (typeof root === 'object' && root !== null ? structuredClone(root) : {}) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (typeof next !== 'object' || next === null) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  Object.defineProperty(node, path.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

describe('loadConfig never throws', () => {
  it('on arbitrary text', async () => {
    const dir = await workspace({});
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), async (text) => {
        checkResult(await loadText(dir, text));
      }),
      { numRuns: RUNS },
    );
  });

  it('on random edits of a valid config', async () => {
    const dir = await workspace({});
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 5 }), async (edits) => {
        checkResult(await loadText(dir, applyEdits(VALID, edits), { ALIBABA_CLOUD_REGION_ID: 'cn-beijing' }));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('on random values at any place of a valid config', async () => {
    const dir = await workspace({});
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom('90D', '6d', '0d', '1d12h', '12h1d', 51, 0, -1, 1.5, 900, 'alias/acs', 'alias/', '', 'prod', 'cn-hangzou', null, [], {}, [{}], [{ id: 'x' }]),
      fc.constantFrom({ profile: 'p' }, { roleArn: 'acs:ram::1:role/r' }, { roleArn: 'acs:ram::1:role/r', profile: 'p' }, { maxAge: '9d', warnBefore: '10d' }, 'acs:kms:cn-hangzhou:1:key/key-1'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...PATHS), value), { minLength: 1, maxLength: 3 }), async (changes) => {
        let config: unknown = VALID_OBJECT;
        for (const [path, v] of changes) config = setPath(config, path, v);
        checkResult(await loadText(dir, stringify(config)));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('on valid YAML of arbitrary shape', async () => {
    const dir = await workspace({});
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        checkResult(await loadText(dir, stringify(value)));
      }),
      { numRuns: RUNS },
    );
  });
});
