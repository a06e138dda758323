import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson, startWorld, type E2eWorld } from './e2e-harness.js';

describe('import', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({
      region: 'cn-hangzhou',
      keys: [
        {
          id: 'key-e2e-import-00001',
          spec: 'RSA_2048',
          usage: 'SIGN/VERIFY',
          creationDate: '-90d',
          aliases: ['alias/imported'],
          versions: [{ id: '22222222-0000-4000-8000-000000000001' }, { id: '22222222-0000-4000-8000-000000000002', creationDate: '-40d' }],
        },
      ],
    });
  });
  afterAll(() => world.close());

  it('prints a config with every live version pinned that then plans no change', async () => {
    const run = await world.kmsctl(['import', 'alias/imported', '--region', 'cn-hangzhou']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('22222222-0000-4000-8000-000000000001');
    expect(run.stdout).toContain('22222222-0000-4000-8000-000000000002');
    await world.writeConfig(run.stdout, 'imported.yaml');
    const plan = await world.kmsctl(['plan', '-f', 'imported.yaml', '--json', '--detailed-exitcode']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(parseJson<{ keys: { name: string; action: string; drift: unknown[] }[] }>(plan).keys).toEqual([expect.objectContaining({ name: 'imported', action: 'no-op', drift: [] })]);
  });

  it('fails with the service code for a key that does not exist, printing no config', async () => {
    const run = await world.kmsctl(['import', 'alias/nothing-here', '--region', 'cn-hangzhou']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Forbidden.AliasNotFound');
  });

  it('shows the live versions of a declared key', async () => {
    const run = await world.kmsctl(['show', '-f', 'imported.yaml', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const doc = parseJson<{ keys: { versions: { version_id: string; primary: boolean }[]; next_version: { allowed: boolean; earliest: string } }[] }>(run);
    expect(doc.keys[0]!.versions.map((v) => v.primary)).toEqual([false, true]);
    expect(doc.keys[0]!.next_version).toMatchObject({ allowed: true, earliest: expect.stringMatching(/Z$/) });
  });
});
