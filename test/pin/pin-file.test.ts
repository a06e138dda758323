import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pinFileText } from '../../src/config-edit/pin-file.js';

const A = '3f0c1a2b-0000-4000-8000-00000000000a';
const B = '3f0c1a2b-0000-4000-8000-00000000000b';
const C = '3f0c1a2b-0000-4000-8000-00000000000c';

const COMMENTED = `# kmsctl.yaml — reviewed by the security team
version: 1
defaults:
  region: cn-hangzhou   # where our keys live

keys:
  # Payment instructions are signed with this key.
  payments-signing:
    keyId: 'alias/payments-signing'   # quoted on purpose
    versions:
      - id: 6f1c2a3b-1111-4a5b-8c9d-0e1f2a3b4c01   # the initial version
      - label: "2026-q4"             # next quarter
      # - label: 2027-q1             (not yet)
      - label: 2027-q1
    rotation: {maxAge: 90d}

  tokens:
    keyId: alias/tokens
    versions:
    - id: 6f1c2a3b-2222-4a5b-8c9d-0e1f2a3b4c01
    - label: next
`;

/** The text with the lines the edit added taken out again. */
function withoutLines(text: string, added: readonly string[]): string {
  const lines = text.split('\n');
  return lines.filter((line) => !added.includes(line)).join('\n');
}

describe('pinFileText', () => {
  it('adds one id line under each pinned entry and leaves every other byte as it was', () => {
    const result = pinFileText('kmsctl.yaml', COMMENTED, [
      { key: 'payments-signing', entry: 1, versionId: A, label: '2026-q4' },
      { key: 'payments-signing', entry: 2, versionId: B, label: '2027-q1' },
      { key: 'tokens', entry: 1, versionId: C, label: 'next' },
    ], []);
    expect(result.problems).toEqual([]);
    const added = [`        id: ${A}`, `        id: ${B}`, `      id: ${C}`];
    for (const line of added) expect(result.after.split('\n')).toContain(line);
    expect(withoutLines(result.after, added)).toBe(COMMENTED);
    expect(result.after).toContain(`      - label: "2026-q4"             # next quarter\n        id: ${A}\n      # - label: 2027-q1`);
    const value = parse(result.after) as { keys: Record<string, { versions: unknown[] }> };
    expect(value.keys['payments-signing']!.versions).toEqual([{ id: '6f1c2a3b-1111-4a5b-8c9d-0e1f2a3b4c01' }, { label: '2026-q4', id: A }, { label: '2027-q1', id: B }]);
    expect(value.keys.tokens!.versions[1]).toEqual({ label: 'next', id: C });
  });

  it('appends adopted versions at the end of the list with their comment', () => {
    const result = pinFileText('kmsctl.yaml', COMMENTED, [{ key: 'tokens', entry: 1, versionId: C, label: 'next' }], [
      { key: 'tokens', versionId: A, comment: 'adopted: created 2026-01-02T03:04:05Z' },
    ]);
    expect(result.problems).toEqual([]);
    expect(result.after.endsWith(`    - label: next\n      id: ${C}\n    - id: ${A}  # adopted: created 2026-01-02T03:04:05Z\n`)).toBe(true);
  });

  it('keeps CRLF line breaks and a missing final line break', () => {
    const text = 'version: 1\r\nkeys:\r\n  k:\r\n    keyId: alias/k\r\n    versions:\r\n      - label: a';
    const result = pinFileText('k.yaml', text, [{ key: 'k', entry: 0, versionId: A, label: 'a' }], [{ key: 'k', versionId: B, comment: 'adopted' }]);
    expect(result.problems).toEqual([]);
    expect(result.after).toBe(`${text}\r\n        id: ${A}\r\n      - id: ${B}  # adopted`);
  });

  it('adds the pair inside flow-style entries and lists', () => {
    const text = 'version: 1\nkeys:\n  k:\n    keyId: alias/k\n    versions: [{ label: a }, {}]   # flow\n';
    const result = pinFileText('k.yaml', text, [
      { key: 'k', entry: 0, versionId: A, label: 'a' },
      { key: 'k', entry: 1, versionId: B, expectNoLabel: true },
    ], [{ key: 'k', versionId: C, comment: 'adopted' }]);
    expect(result.problems).toEqual([]);
    expect(result.after).toBe(`version: 1\nkeys:\n  k:\n    keyId: alias/k\n    versions: [{ label: a, id: ${A} }, {id: ${B}}, { id: ${C} }]   # flow\n`);
  });

  it('does nothing for an entry that already pins the same ID, and refuses one that pins another', () => {
    const text = `version: 1\nkeys:\n  k:\n    keyId: alias/k\n    versions:\n      - label: a\n        id: ${A}\n`;
    const same = pinFileText('k.yaml', text, [{ key: 'k', entry: 0, versionId: A.toUpperCase(), label: 'a' }], []);
    expect(same.after).toBe(text);
    expect(same.alreadyPinned).toHaveLength(1);
    const other = pinFileText('k.yaml', text, [{ key: 'k', entry: 0, versionId: B, label: 'a' }], []);
    expect(other.after).toBe(text);
    expect(other.problems).toHaveLength(1);
  });

  it('refuses an entry whose label changed since the plan', () => {
    const text = 'version: 1\nkeys:\n  k:\n    keyId: alias/k\n    versions:\n      - label: renamed\n';
    const result = pinFileText('k.yaml', text, [{ key: 'k', entry: 0, versionId: A, label: 'a' }], []);
    expect(result.after).toBe(text);
    expect(result.problems[0]?.key).toBe('k');
  });

  it('reports YAML errors instead of editing', () => {
    const result = pinFileText('k.yaml', 'version: 1\nkeys: [\n', [{ key: 'k', entry: 0, versionId: A }], []);
    expect(result.diagnostics[0]?.code).toBe('config.yaml-syntax');
  });

  it('pins instance-form version IDs in a config with accounts and ARNs, and compares them as written', () => {
    const id = 'key-hzz62f1cb66fa42qo1234-20v29b5678';
    const text = `version: 1
accounts:
  prod: {roleArn: "acs:ram::1234567890123456:role/kmsctl"}
defaults:
  account: prod
  region: cn-hangzhou
keys:
  signing:
    account: prod
    keyId: acs:kms:cn-hangzhou:1234567890123456:key/key-hzz62f1cb66fa42qo1234
    versions:
      - label: first
      - label: second
        id: ${id}
    rotation: {maxAge: 90d, warnBefore: 14d}
`;
    const pinned = pinFileText('k.yaml', text, [{ key: 'signing', entry: 0, versionId: `${id}x`, label: 'first' }], []);
    expect(pinned.problems).toEqual([]);
    expect(pinned.after).toBe(text.replace('      - label: first\n', `      - label: first\n        id: ${id}x\n`));
    const same = pinFileText('k.yaml', text, [{ key: 'signing', entry: 1, versionId: id, label: 'second' }], []);
    expect(same.alreadyPinned).toHaveLength(1);
    const otherCase = pinFileText('k.yaml', text, [{ key: 'signing', entry: 1, versionId: id.toUpperCase(), label: 'second' }], []);
    expect(otherCase.problems).toHaveLength(1);
    expect(otherCase.after).toBe(text);
  });
});
