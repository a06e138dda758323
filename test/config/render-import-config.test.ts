/** `kmsctl import`'s YAML: pinned versions oldest first with their dates, and valid as a config. */
import { describe, expect, it } from 'vitest';
import { renderImportConfig, type ImportedKey } from '../../src/config/render-import-config.js';
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
});
