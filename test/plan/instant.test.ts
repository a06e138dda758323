import { describe, expect, it } from 'vitest';
import { formatDuration, formatInstant, formatInstantCeil, latestInstant, normaliseDate, parseInstant } from '../../src/plan/instant.js';
import { formatRelative } from '../../src/render/format-time.js';

describe('instants', () => {
  it('formats instants without milliseconds, rounding down or up', () => {
    const ms = Date.parse('2026-01-01T00:00:00.400Z');
    expect(formatInstant(ms)).toBe('2026-01-01T00:00:00Z');
    expect(formatInstantCeil(ms)).toBe('2026-01-01T00:00:01Z');
    expect(formatInstantCeil(Date.parse('2026-01-01T00:00:00Z'))).toBe('2026-01-01T00:00:00Z');
  });

  it('reads empty and unreadable dates as absent', () => {
    expect(parseInstant('')).toBeUndefined();
    expect(parseInstant('yesterday')).toBeUndefined();
    expect(latestInstant(undefined, 'nope', '2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z')).toBe(Date.parse('2026-01-02T00:00:00Z'));
    expect(normaliseDate('2026-01-02T00:00:00.000Z')).toBe('2026-01-02T00:00:00Z');
    expect(normaliseDate('nope')).toBe('nope');
  });

  it.each([
    [0, '0s'],
    [59_000, '59s'],
    [3_600_000, '1h'],
    [3_660_000, '1h 1m'],
    [(3 * 86_400 + 4 * 3600 + 59) * 1000, '3d 4h'],
    [(7 * 86_400 + 30) * 1000, '7d'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('formats relative times both ways', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(formatRelative('2026-01-04T04:00:00Z', now)).toBe('in 3d 4h');
    expect(formatRelative('2025-12-31T23:55:00Z', now)).toBe('5m ago');
    expect(formatRelative('2026-01-01T00:00:00Z', now)).toBe('now');
    expect(formatRelative('bad', now)).toBeUndefined();
  });
});
