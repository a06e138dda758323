/**
 * Configs written to hurt: too large (refused before parsing), thousands of mistakes (capped), tags that
 * change a value's shape, special files in a config directory, terminal escapes in the text.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_CODES as C } from '../../src/config/codes.js';
import { MAX_CONFIG_BYTES, MAX_CONFIG_FILE_BYTES } from '../../src/config/config-limits.js';
import { loadConfig } from '../../src/config/load-config.js';
import { readConfigFiles } from '../../src/config/read-config-files.js';
import { readConfigStream } from '../../src/config/read-config-stream.js';
import { DIAGNOSTICS_SHOWN } from '../../src/diagnostics/cap-diagnostics.js';
import { formatDiagnosticsText } from '../../src/diagnostics/format-text.js';
import { loadFiles, positions, VALID, workspace } from './load-helpers.js';

describe('size limits', () => {
  it('refuse a file over the limit before reading it', async () => {
    const cwd = await workspace({ 'big.yaml': '' });
    await truncate(join(cwd, 'big.yaml'), MAX_CONFIG_FILE_BYTES + 1);
    const result = await loadConfig({ files: ['big.yaml'], cwd, env: {} });
    expect(positions(result)).toEqual([[C.fileTooLarge, 'big.yaml', undefined, undefined]]);
    expect(result.sources.size).toBe(0);
  });

  it('refuse files that are too large together, naming the first that did not fit', async () => {
    const cwd = await workspace({});
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) {
      await writeFile(join(cwd, name), '');
      await truncate(join(cwd, name), Math.floor(MAX_CONFIG_BYTES / 2.5));
    }
    const read = await readConfigFiles(['a.yaml', 'b.yaml', 'c.yaml'], cwd);
    expect(read.diagnostics.map((d) => [d.code, d.source?.file])).toEqual([[C.configTooLarge, 'c.yaml']]);
    expect(read.files.map((f) => f.path)).toEqual(['a.yaml', 'b.yaml']);
  });

  it('refuse standard input over the limit, read no further than one byte past it', async () => {
    let produced = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        produced += 1024;
        yield new Uint8Array(1024).fill(0x61);
      }
    }
    const text = await readConfigStream(endless(), 4096);
    expect(Buffer.byteLength(text)).toBe(4097);
    expect(produced).toBeLessThanOrEqual(5 * 1024);
    const cwd = await workspace({});
    const result = await loadConfig({ files: ['-'], cwd, env: {}, stdin: { name: '<stdin>', text: 'a'.repeat(MAX_CONFIG_FILE_BYTES + 1) } });
    expect(positions(result)).toEqual([[C.fileTooLarge, '<stdin>', undefined, undefined]]);
  });
});

describe('thousands of mistakes', () => {
  it('are capped: the first ones, then how many more', async () => {
    const keys = Array.from({ length: 500 }, (_, i) => `  k${i}:\n    keyId: alias/k${i}\n    rotation: {maxAge: 90d}\n`).join('');
    const result = await loadFiles({ 'a.yaml': `version: 1\nkeys:\n${keys}` });
    expect(result.diagnostics).toHaveLength(DIAGNOSTICS_SHOWN + 1);
    expect(result.diagnostics.slice(0, DIAGNOSTICS_SHOWN).every((d) => d.code === C.regionMissing)).toBe(true);
    expect(result.diagnostics.at(-1)).toMatchObject({ severity: 'error', code: C.moreDiagnostics, summary: expect.stringContaining('450 more') });
    expect(result.counts).toEqual({ errors: 500, warnings: 0 });
    expect(formatDiagnosticsText(result.diagnostics, result.sources, { color: false }).length).toBeLessThan(20_000);
  });
});

describe('YAML tags that change a value\'s shape', () => {
  it.each([
    ['!!omap', 'version: 1\nkeys: !!omap [ {a: {keyId: alias/a}} ]\n', [[C.yamlTag, 'a.yaml', 2, 7]]],
    ['!!set', 'version: 1\nkeys: !!set {a}\n', [[C.yamlTag, 'a.yaml', 2, 7]]],
    ['!!pairs', 'version: 1\nkeys: !!pairs [ {a: {keyId: alias/a}} ]\n', [[C.yamlTag, 'a.yaml', 2, 7]]],
    ['!!binary', 'version: 1\nkeys:\n  a:\n    keyId: !!binary YWxpYXMvYQ==\n', [[C.yamlTag, 'a.yaml', 4, 12]]],
    ['!!timestamp', 'version: 1\nkeys:\n  a:\n    keyId: !!timestamp 2026-01-01\n', [[C.yamlTag, 'a.yaml', 4, 12]]],
  ])('%s is an error at the tag, not "no keys"', async (_tag, text, expected) => {
    const result = await loadFiles({ 'a.yaml': text });
    expect(positions(result)).toEqual(expected);
    expect(result.value).toBeUndefined();
  });

  it('!!str, !!int, !!map and !!seq change nothing and are accepted', async () => {
    const result = await loadFiles({ 'a.yaml': 'version: !!int 1\ndefaults: !!map {region: !!str cn-hangzhou}\nkeys:\n  a:\n    keyId: alias/a\n    versions: !!seq [{label: x}]\n' });
    expect(result.diagnostics).toEqual([]);
  });
});

describe('special files in a config directory', () => {
  it('are reported, each by name, and the regular files still read', async () => {
    const cwd = await workspace({ 'conf/a.yaml': VALID });
    await symlink(join(cwd, 'conf/missing.yaml'), join(cwd, 'conf/broken.yaml'));
    await symlink(join(cwd, 'conf/loop-b.yaml'), join(cwd, 'conf/loop-a.yaml'));
    await symlink(join(cwd, 'conf/loop-a.yaml'), join(cwd, 'conf/loop-b.yaml'));
    execFileSync('mkfifo', [join(cwd, 'conf/pipe.yaml')]);
    await mkdir(join(cwd, 'conf/sub.yaml'));
    const result = await loadConfig({ files: ['conf'], cwd, env: {} });
    expect(positions(result)).toEqual([
      [C.fileUnreadable, 'conf/broken.yaml', undefined, undefined],
      [C.fileUnreadable, 'conf/loop-a.yaml', undefined, undefined],
      [C.fileUnreadable, 'conf/loop-b.yaml', undefined, undefined],
      [C.fileUnreadable, 'conf/pipe.yaml', undefined, undefined],
    ]);
    expect([...result.sources.keys()]).toEqual(['conf/a.yaml']);
  });

  it('a FIFO named directly is refused without being opened', async () => {
    const cwd = await workspace({});
    execFileSync('mkfifo', [join(cwd, 'pipe.yaml')]);
    const result = await loadConfig({ files: ['pipe.yaml'], cwd, env: {} });
    expect(positions(result)).toEqual([[C.fileUnreadable, 'pipe.yaml', undefined, undefined]]);
  });
});

describe('terminal escapes in a config', () => {
  it('reach the reader escaped, in the source line and in the quoted value', async () => {
    const text = VALID.replace('alias/payments-signing', 'alias/pay ments # \u001b[1A\u001b[2K\u0007The configuration is valid.\u001b[8m');
    const result = await loadFiles({ 'a.yaml': text });
    expect(positions(result)).toEqual([[C.badAlias, 'a.yaml', 6, 12]]);
    const shown = formatDiagnosticsText(result.diagnostics, result.sources, { color: false });
    expect(shown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/u);
    expect(shown).toContain('\\u001b[1A');
  });
});
