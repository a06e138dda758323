import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type E2eWorld } from './e2e-harness.js';

const CONFIG = `version: 1
defaults:
  region: cn-hangzhou
keys:
  alpha:
    keyId: alias/alpha
    rotation:
      maxAge: 7d
  beta:
    keyId: alias/beta
    rotation:
      maxAge: 7d
`;

describe('saved plans', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({
      region: 'cn-hangzhou',
      keys: [
        { id: 'key-e2e-alpha-000001', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/alpha'] },
        { id: 'key-e2e-beta-0000001', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/beta'] },
      ],
    });
    await world.writeConfig(CONFIG);
  });
  afterAll(() => world.close());

  it('applies a fresh saved plan exactly', async () => {
    const plan = await world.kmsctl(['plan', '--out', 'fresh.plan', '--target', 'alpha']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    const saved = await readFile(join(world.dir, 'fresh.plan'), 'utf8');
    expect(saved).not.toContain(world.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
    const apply = await world.kmsctl(['apply', 'fresh.plan']);
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect(await world.versionCount('alias/alpha')).toBe(2);
  });

  it('refuses a saved plan as stale when someone rotated a key after it, and creates nothing', async () => {
    const plan = await world.kmsctl(['plan', '--out', 'stale.plan', '--target', 'beta']);
    expect(plan.exitCode).toBe(0);
    await world.clients.forRegion('cn-hangzhou').createKeyVersion('alias/beta');
    const apply = await world.kmsctl(['apply', 'stale.plan']);
    expect(apply.exitCode).toBe(1);
    expect(apply.stderr).toContain('stale');
    expect(apply.stderr).toContain('beta');
    expect(await world.versionCount('alias/beta')).toBe(2);
  });

  it('refuses a garbled plan file with a message naming it', async () => {
    const text = await readFile(join(world.dir, 'fresh.plan'), 'utf8');
    await writeFile(join(world.dir, 'garbled.plan'), text.slice(0, text.length / 2));
    const run = await world.kmsctl(['apply', 'garbled.plan']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('garbled.plan');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a plan file whose content was edited', async () => {
    const saved = JSON.parse(await readFile(join(world.dir, 'fresh.plan'), 'utf8')) as { plan: { keys: { name: string }[] } };
    saved.plan.keys[0]!.name = 'edited';
    await writeFile(join(world.dir, 'edited.plan'), JSON.stringify(saved));
    const run = await world.kmsctl(['apply', 'edited.plan']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('checksum');
  });

  it('refuses a file that is not a kmsctl plan, and a missing one', async () => {
    await writeFile(join(world.dir, 'foreign.json'), '{"hello": "world"}');
    const foreign = await world.kmsctl(['apply', 'foreign.json']);
    expect(foreign.exitCode).toBe(1);
    expect(foreign.stderr).toContain('not a kmsctl plan file');
    const missing = await world.kmsctl(['apply', 'nowhere.plan']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('nowhere.plan');
  });
});
