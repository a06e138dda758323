/** A config piped in with `-f -`: planned and saved like any other, but never written back by --pin. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson, startWorld, type E2eWorld } from './e2e-harness.js';

const CONFIG = 'version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n  piped:\n    keyId: alias/piped\n    rotation:\n      maxAge: 7d\n';

describe('-f -', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({ region: 'cn-hangzhou', keys: [{ id: 'key-e2e-piped-000001', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/piped'] }] });
  });
  afterAll(() => world.close());

  it('plans a config read from standard input and saves the plan; applying that plan with --pin is refused before anything is created', async () => {
    const plan = await world.kmsctl(['plan', '-f', '-', '--out', 'piped.plan', '--json'], { input: CONFIG });
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(parseJson<{ keys: { name: string; action: string }[] }>(plan).keys).toEqual([expect.objectContaining({ name: 'piped', action: 'create' })]);
    const pinned = await world.kmsctl(['apply', 'piped.plan', '--pin', '--json']);
    expect(pinned.exitCode).toBe(1);
    expect(parseJson<{ error: { code: string } }>(pinned).error.code).toBe('cli.stdin-config-unsupported');
    expect(await world.versionCount('alias/piped')).toBe(1);
    const applied = await world.kmsctl(['apply', 'piped.plan']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(await world.versionCount('alias/piped')).toBe(2);
  });
});
