/**
 * The rows the fast reader records positions in: children found by name or index, small collections by
 * a scan and large ones by an index, names in written order, a duplicate entry refused however large the
 * mapping, and a file with a duplicate among many keys left to yaml.
 */
import { describe, expect, it } from 'vitest';
import { fastParseConfig } from '../../src/config/fast-config-yaml.js';
import { MAPPING, PositionTable, SCALAR, SEQUENCE } from '../../src/config/position-table.js';

/** A table holding a root mapping of `count` scalar entries `e0`, `e1`, ... and a sequence of `count` scalars. */
function table(count: number): PositionTable {
  const t = new PositionTable();
  t.open(MAPPING, undefined);
  for (let i = 0; i < count; i++) t.scalar({ name: `e${i}`, keyStart: 10 * i, keyEnd: 10 * i + 2 }, 10 * i + 4, 10 * i + 6);
  t.open(SEQUENCE, { name: 'list', keyStart: 5000, keyEnd: 5004 });
  for (let i = 0; i < count; i++) t.scalar(undefined, 6000 + i, 6001 + i);
  t.close();
  t.close();
  return t;
}

describe('PositionTable', () => {
  it.each([3, 40])('finds each of %i entries by name and each item by index, in written order', (count) => {
    const t = table(count);
    expect(t.names(0)).toEqual([...Array.from({ length: count }, (_, i) => `e${i}`), 'list']);
    for (let i = 0; i < count; i++) {
      const node = t.child(0, `e${i}`)!;
      expect(t.kind(node)).toBe(SCALAR);
      expect(t.keySpan(node)).toEqual({ start: 10 * i, end: 10 * i + 2 });
      expect(t.valueSpan(node)).toEqual({ start: 10 * i + 4, end: 10 * i + 6 });
      expect(t.valueSpan(t.child(t.child(0, 'list')!, i)!)).toEqual({ start: 6000 + i, end: 6001 + i });
    }
    expect(t.child(0, 'missing')).toBeUndefined();
    expect(t.child(t.child(0, 'list')!, count)).toBeUndefined();
    expect(t.child(t.child(0, 'list')!, 'e0')).toBeUndefined();
    expect(t.keySpan(t.child(t.child(0, 'list')!, 0)!)).toBeUndefined();
  });

  it.each([3, 40])('refuses a second entry of one name among %i', (count) => {
    const t = new PositionTable();
    t.open(MAPPING, undefined);
    for (let i = 0; i < count; i++) expect(t.scalar({ name: `e${i}`, keyStart: i, keyEnd: i }, i, i)).toBeDefined();
    expect(t.scalar({ name: 'e1', keyStart: 0, keyEnd: 0 }, 0, 0)).toBeUndefined();
    expect(t.open(MAPPING, { name: `e${count - 1}`, keyStart: 0, keyEnd: 0 })).toBeUndefined();
  });

  it('leaves to yaml a config whose keys repeat a name among many, in one piece or several', () => {
    const keys = Array.from({ length: 30 }, (_, i) => `  k${i}:\n    keyId: alias/k${i}\n`);
    const text = `version: 1\nkeys:\n${keys.join('')}  k3:\n    keyId: alias/again\n`;
    expect(fastParseConfig('kmsctl.yaml', text)).toBeUndefined();
    expect(fastParseConfig('kmsctl.yaml', text, { keysChunkChars: 1 })).toBeUndefined();
    expect(fastParseConfig('kmsctl.yaml', text.replace('  k3:\n    keyId: alias/again\n', ''), { keysChunkChars: 1 })).toBeDefined();
  });
});
