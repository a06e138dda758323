/** `kmsctl import`'s YAML: pinned versions oldest first with their dates, and valid as a config. */
import { describe, expect, it } from 'vitest';
import { importKeyName, renderImportConfig, type ImportedKey } from '../../src/config/render-import-config.js';
import { loadFiles } from './load-helpers.js';

const KEYS: ImportedKey[] = [
  {
    name: 'payments-signing',
    keyId: 'alias/payments-signing',
    region: 'cn-hangzhou',
    versions: [
      { id: '6f0b1c0e-3a4d-4e8f-9b2a-1c2d3e4f5a6b', creationDate: '2026-04-01T00:00:00Z' },
      { id: '2ab1a983-7072-4bbc-a582-584b5bd8aaaa', creationDate: '2026-01-01T00:00:00Z' },
    ],
  },
  {
    name: 'webhook-signing',
    keyId: 'key-shh6715c21812y8i7abcd',
    region: 'cn-shanghai',
    versions: [{ id: '0c7d3e2a-5b1f-4a9e-8d6c-2f3e4a5b6c7d', creationDate: '2025-12-24T08:00:00Z' }],
  },
];

describe('renderImportConfig', () => {
  it('writes a header, version 1, and each version pinned with its creation date, oldest first', () => {
    const lines = renderImportConfig(KEYS, { defaultRegion: 'cn-hangzhou' }).split('\n');
    expect(lines[0]).toMatch(/^# .*kmsctl import/);
    expect(lines).toContain('version: 1');
    expect(lines).toContain('  region: cn-hangzhou');
    const pins = lines.filter((l) => l.includes('- id:'));
    expect(pins).toEqual([
      '      - id: 2ab1a983-7072-4bbc-a582-584b5bd8aaaa # created 2026-01-01T00:00:00Z',
      '      - id: 6f0b1c0e-3a4d-4e8f-9b2a-1c2d3e4f5a6b # created 2026-04-01T00:00:00Z',
      '      - id: 0c7d3e2a-5b1f-4a9e-8d6c-2f3e4a5b6c7d # created 2025-12-24T08:00:00Z',
    ]);
  });

  it('omits the region of keys in the default region', () => {
    const text = renderImportConfig(KEYS, { defaultRegion: 'cn-hangzhou' });
    expect(text.match(/^ {4}region: /gm)).toEqual(['    region: ']);
    expect(text).toContain('    region: cn-shanghai');
  });

  it('loads back into the same keys, regions and pinned versions', async () => {
    for (const defaultRegion of ['cn-hangzhou', undefined]) {
      const result = await loadFiles({ 'imported.yaml': renderImportConfig(KEYS, { defaultRegion }) });
      expect(result.diagnostics).toEqual([]);
      expect(
        result.value!.keys.map((k) => ({ name: k.name, keyId: k.keyId, region: k.region, ids: k.versions.map((v) => (v.kind === 'pinned' ? v.id : '')) })),
      ).toEqual([
        { name: 'payments-signing', keyId: 'alias/payments-signing', region: 'cn-hangzhou', ids: ['2ab1a983-7072-4bbc-a582-584b5bd8aaaa', '6f0b1c0e-3a4d-4e8f-9b2a-1c2d3e4f5a6b'] },
        { name: 'webhook-signing', keyId: 'key-shh6715c21812y8i7abcd', region: 'cn-shanghai', ids: ['0c7d3e2a-5b1f-4a9e-8d6c-2f3e4a5b6c7d'] },
      ]);
    }
  });

  it('quotes names YAML would read as something other than a string', async () => {
    const keys: ImportedKey[] = ['true', '123', '1e3', 'null', '0x1F'].map((name, i) => ({
      name,
      keyId: `key-${i}`,
      region: 'cn-hangzhou',
      versions: [{ id: '2ab1a983-7072-4bbc-a582-584b5bd8aaaa', creationDate: '2026-01-01T00:00:00Z' }],
    }));
    const result = await loadFiles({ 'imported.yaml': renderImportConfig(keys, {}) });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys.map((k) => k.name)).toEqual(['true', '123', '1e3', 'null', '0x1F']);
  });

  it('writes an empty keys mapping when there is nothing to import', async () => {
    const text = renderImportConfig([], { defaultRegion: 'cn-hangzhou' });
    expect(text).toContain('keys: {}');
    const result = await loadFiles({ 'imported.yaml': text });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['config.no-keys']);
  });

  it('writes a config that validates for a key in a KMS instance, named by ID or by ARN', async () => {
    const keyId = 'key-hzz62f1cb66fa42qo1234';
    const versions = [
      { id: `${keyId}-20v29b5678`, creationDate: '2026-01-01T00:00:00Z' },
      { id: `${keyId}-30x11c0001`, creationDate: '2026-04-01T00:00:00Z' },
    ];
    const keys: ImportedKey[] = [
      { name: importKeyName(keyId), keyId, region: 'cn-hangzhou', versions },
      { name: importKeyName(`acs:kms:cn-shanghai:1234567890123456:key/${keyId}`), keyId: `acs:kms:cn-shanghai:1234567890123456:key/${keyId}`, region: 'cn-shanghai', versions },
    ];
    const result = await loadFiles({ 'imported.yaml': renderImportConfig(keys, { defaultRegion: 'cn-hangzhou' }) });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys.map((k) => [k.name, k.region, k.versions.map((v) => (v.kind === 'pinned' ? v.id : ''))])).toEqual([
      [keyId, 'cn-hangzhou', versions.map((v) => v.id)],
      [`${keyId}-2`, 'cn-shanghai', versions.map((v) => v.id)],
    ]);
  });

  it('writes a config that validates whatever the names, repeats and empty keys it is given', async () => {
    const version = [{ id: '2ab1a983-7072-4bbc-a582-584b5bd8aaaa', creationDate: '2026-01-01T00:00:00Z' }];
    const keys: ImportedKey[] = [
      { name: '-bad name/with:colons', keyId: 'key-1', region: 'cn-hangzhou', versions: version },
      { name: 'x'.repeat(300), keyId: 'key-2', region: 'cn-hangzhou', versions: version },
      { name: 'same', keyId: 'key-3', region: 'cn-hangzhou', versions: version },
      { name: 'same', keyId: 'key-4', region: 'cn-hangzhou', versions: version },
      { name: 'again', keyId: 'key-3', region: 'cn-hangzhou', versions: version },
      { name: '', keyId: 'key-5', region: 'cn-hangzhou', versions: version },
      { name: 'pending-import', keyId: 'key-6', region: 'cn-hangzhou', versions: [] },
    ];
    const text = renderImportConfig(keys, { defaultRegion: 'cn-hangzhou' });
    const result = await loadFiles({ 'imported.yaml': text });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.keys.map((k) => [k.name, k.keyId])).toEqual([
      ['bad-name-with-colons', 'key-1'],
      ['x'.repeat(128), 'key-2'],
      ['same', 'key-3'],
      ['same-2', 'key-4'],
      ['key', 'key-5'],
    ]);
    expect(text).toMatch(/^# pending-import \(key-6 in cn-hangzhou\) has no versions to pin/m);
  });

  it('names a key by its alias, its key ID, or the key ID in its ARN', () => {
    expect(importKeyName('alias/team/payments')).toBe('team-payments');
    expect(importKeyName('key-hzz62f1cb66fa42qo1234')).toBe('key-hzz62f1cb66fa42qo1234');
    expect(importKeyName('acs:kms:cn-hangzhou:123:key/key-abc')).toBe('key-abc');
  });
});
