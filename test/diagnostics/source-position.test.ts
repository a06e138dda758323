/** Offsets to 1-based line and column, across line-break styles. */
import { describe, expect, it } from 'vitest';
import { LineIndex, lineIndexFor } from '../../src/diagnostics/source-position.js';

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const index = new LineIndex('ab\ncd\n');
    expect([0, 1, 2, 3, 5, 6].map((o) => index.positionAt(o))).toEqual([
      { line: 1, column: 1, offset: 0 },
      { line: 1, column: 2, offset: 1 },
      { line: 1, column: 3, offset: 2 },
      { line: 2, column: 1, offset: 3 },
      { line: 2, column: 3, offset: 5 },
      { line: 3, column: 1, offset: 6 },
    ]);
  });

  it('treats \\r\\n as one break and a lone \\r as a break', () => {
    const index = new LineIndex('a\r\nb\rc');
    expect(index.positionAt(3)).toMatchObject({ line: 2, column: 1 });
    expect(index.positionAt(5)).toMatchObject({ line: 3, column: 1 });
    expect([1, 2, 3].map((l) => index.lineText(l))).toEqual(['a', 'b', 'c']);
  });

  it('clamps offsets outside the text', () => {
    const index = new LineIndex('abc');
    expect(index.positionAt(-5)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(index.positionAt(99)).toEqual({ line: 1, column: 4, offset: 3 });
    expect(index.positionAt(Number.NaN)).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('gives an empty line for a line past the end', () => {
    expect(new LineIndex('a').lineText(5)).toBe('');
  });

  it('is cached per source map and rebuilt when the text changes', () => {
    const sources = new Map([['f', 'a\nb']]);
    const first = lineIndexFor(sources, 'f');
    expect(lineIndexFor(sources, 'f')).toBe(first);
    sources.set('f', 'a');
    expect(lineIndexFor(sources, 'f')).not.toBe(first);
    expect(lineIndexFor(sources, 'missing')).toBeUndefined();
  });
});
