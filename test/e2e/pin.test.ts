import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startWorld, type E2eWorld } from './e2e-harness.js';

const V1 = '0b6a39d1-0000-4000-8000-00000000a001';
const V2 = '0b6a39d1-0000-4000-8000-00000000a002';
const L1 = '0b6a39d1-0000-4000-8000-00000000b001';
const L2 = '0b6a39d1-0000-4000-8000-00000000b002';
const L3 = '0b6a39d1-0000-4000-8000-00000000b003';

/** Comments everywhere, aligned comments, a quoted value, a blank line: none of it may move. */
const COMMENTED = `# Signing keys of the payments team.
# Reviewed in every pull request; CI pins IDs with \`kmsctl pin\`.
version: 1
defaults:
  region: cn-hangzhou   # all our keys live here

keys:
  # Signs payment instructions.
  signing:
    keyId: "alias/e2e-pin-signing"   # quoted on purpose
    versions:
      - id: ${V1}   # the initial version
      - label: 2026-q4                             # made by hand in the console
      # - label: 2027-q1                           (next year)
    rotation:
      maxAge: 365d

  legacy:
    keyId: alias/e2e-pin-legacy
    versions:
      - id: ${L1}
`;

function addedAndRemoved(diff: string): { added: string[]; removed: string[] } {
  const lines = diff.split('\n').filter((line) => !line.startsWith('+++') && !line.startsWith('---'));
  return { added: lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1)), removed: lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1)) };
}

describe('kmsctl pin against the emulator', () => {
  let world: E2eWorld;
  let configPath: string;

  beforeAll(async () => {
    world = await startWorld({
      region: 'cn-hangzhou',
      keys: [
        { id: 'key-e2e-pin-signing01', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-60d', aliases: ['alias/e2e-pin-signing'], versions: [{ id: V1 }, { id: V2, creationDate: '-20d' }] },
        { id: 'key-e2e-pin-legacy001', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-90d', aliases: ['alias/e2e-pin-legacy'], versions: [{ id: L1 }, { id: L2, creationDate: '-60d' }, { id: L3, creationDate: '-30d' }] },
      ],
    });
    configPath = await world.writeConfig(COMMENTED);
  });
  afterAll(() => world.close());

  it('pin --check exits 1 while an unpinned entry stands for a live version, and changes nothing', async () => {
    const run = await world.kmsctl(['pin', '--check']);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toContain(`signing: would pin versions[1] "2026-q4" to ${V2}`);
    expect(run.stdout).toContain('2 live versions are not declared');
    expect(await readFile(configPath, 'utf8')).toBe(COMMENTED);
  });

  it('pin --diff writes the ID under the entry, with a diff that only adds the ID line', async () => {
    const run = await world.kmsctl(['pin', '--diff', '--no-color']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('--- a/kmsctl.yaml\n+++ b/kmsctl.yaml\n');
    const { added, removed } = addedAndRemoved(run.stdout.slice(0, run.stdout.indexOf('Pinned')));
    expect(removed).toEqual([]);
    expect(added).toEqual([`        id: ${V2}`]);
    const after = await readFile(configPath, 'utf8');
    // Every byte outside the added line is as it was.
    expect(after.replace(`        id: ${V2}\n`, '')).toBe(COMMENTED);
    expect(after).toContain(`      - label: 2026-q4                             # made by hand in the console\n        id: ${V2}\n`);
    expect((parse(after) as { keys: { signing: { versions: unknown[] } } }).keys.signing.versions[1]).toEqual({ label: '2026-q4', id: V2 });
  });

  it('pin --check exits 0 once the IDs are pinned', async () => {
    const run = await world.kmsctl(['pin', '--check']);
    expect(run.exitCode, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('Nothing to pin');
  });

  it('leaves a formatted file formatted: pin writes the ID where fmt puts it', async () => {
    const run = await world.kmsctl(['fmt', '--check']);
    expect(run.exitCode, `${run.stdout}${run.stderr}`).toBe(0);
  });

  it('pin --adopt appends the drifted versions with their creation date, oldest first', async () => {
    const before = await readFile(configPath, 'utf8');
    const check = await world.kmsctl(['pin', '--adopt', '--check']);
    expect(check.exitCode).toBe(1);
    const run = await world.kmsctl(['pin', '--adopt', '--target', 'legacy']);
    expect(run.exitCode, run.stderr).toBe(0);
    const after = await readFile(configPath, 'utf8');
    const added = after.split('\n').filter((line) => !before.split('\n').includes(line));
    expect(added).toEqual([expect.stringMatching(new RegExp(`^      - id: ${L2}  # adopted: created \\d{4}-\\d\\d-\\d\\dT`)), expect.stringMatching(new RegExp(`^      - id: ${L3}  # adopted: created `))]);
    expect((await world.kmsctl(['pin', '--adopt', '--check'])).exitCode).toBe(0);
    const plan = await world.kmsctl(['plan', '--json']);
    expect(JSON.parse(plan.stdout).summary.drift).toBe(0);
  });

  it('apply --pin records the ID of the version it created in the entry it filled', async () => {
    const text = (await readFile(configPath, 'utf8')).replace('      # - label: 2027-q1', '      - label: 2027-q1   # wanted now\n      # - label: 2027-q1');
    await world.writeConfig(text);
    const apply = await world.kmsctl(['apply', '--auto-approve', '--pin', '--target', 'signing']);
    expect(apply.exitCode, apply.stderr).toBe(0);
    const versions = (await world.clients.forRegion('cn-hangzhou').listKeyVersions('alias/e2e-pin-signing')).value.map((v) => v.keyVersionId);
    const created = versions.find((id) => id !== V1 && id !== V2)!;
    expect(apply.stdout).toContain(`signing: pinned versions[2] "2027-q1" to ${created}`);
    const after = await readFile(configPath, 'utf8');
    expect(after).toBe(text.replace('      - label: 2027-q1   # wanted now\n', `      - label: 2027-q1   # wanted now\n        id: ${created}\n`));
    expect((await world.kmsctl(['pin', '--check'])).exitCode).toBe(0);
  });

  it('apply PLANFILE --pin finds the config files in the saved plan', async () => {
    await world.advanceClock('7d');
    const text = (await readFile(configPath, 'utf8')).replace(/ {6}# - label: 2027-q1.*\n/, '      - label: 2027-q3\n');
    await world.writeConfig(text);
    const plan = await world.kmsctl(['plan', '--out', 'pin.plan', '--target', 'signing']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    const apply = await world.kmsctl(['apply', 'pin.plan', '--pin']);
    expect(apply.exitCode, apply.stderr).toBe(0);
    const after = await readFile(join(world.dir, 'kmsctl.yaml'), 'utf8');
    const value = parse(after) as { keys: { signing: { versions: { id?: string; label?: string }[] } } };
    const entry = value.keys.signing.versions.find((v) => v.label === '2027-q3');
    expect(entry?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(after.replace(`        id: ${entry!.id}\n`, '')).toBe(text);
  });
});
