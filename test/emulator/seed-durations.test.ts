/** Seed dates read offsets in kmsctl's one duration grammar, signed: weeks and compound offsets as the config writes them. */
import { describe, expect, test } from 'vitest';
import { startTest } from './helpers.js';

describe('seed date offsets', () => {
  test.each([
    ['-2w', '2025-12-27T08:00:00Z'],
    ['-1w2d', '2026-01-01T08:00:00Z'],
    ['-1d12h', '2026-01-08T20:00:00Z'],
  ])('%s is an offset from the emulator clock', async (offset, expected) => {
    const { kms } = await startTest({ seed: { keys: [{ id: 'key-seed-offset-0001', creationDate: offset }] } });
    expect((await kms.ok('DescribeKey', { KeyId: 'key-seed-offset-0001' })).KeyMetadata.CreationDate).toBe(expected);
  });

  test('an offset whose units are out of order is refused, as the config refuses it', async () => {
    await expect(startTest({ seed: { keys: [{ id: 'key-seed-offset-0002', creationDate: '-12h1d' }] } })).rejects.toThrow(/creationDate|-12h1d/);
  });
});
