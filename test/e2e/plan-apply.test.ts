import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson, startWorld, type E2eWorld } from './e2e-harness.js';

const V1 = '0b6a39d1-0000-4000-8000-000000000001';

interface PlanDoc {
  keys: { name: string; action: string; earliest?: string }[];
  summary: { create: number; deferred: number; error: number; no_op: number; drift: number };
}

describe('plan and apply against the emulator', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({
      region: 'cn-hangzhou',
      keys: [{ id: 'key-e2e-signing-0001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-8d', aliases: ['alias/e2e-signing'], versions: [{ id: V1 }] }],
    });
    await world.writeConfig(`version: 1
defaults:
  region: cn-hangzhou
keys:
  signing:
    keyId: alias/e2e-signing
    versions:
      - id: ${V1}
      - label: first
      - label: second
`);
  });
  afterAll(() => world.close());

  it('plans one create for a key that wants two new versions, saying in its line that one more comes later, and exits 2', async () => {
    const run = await world.kmsctl(['plan', '--detailed-exitcode', '--json']);
    expect(run.exitCode).toBe(2);
    const plan = parseJson<PlanDoc>(run);
    expect(plan.summary).toMatchObject({ create: 1, deferred: 0, error: 0, no_op: 0 });
    expect(plan.keys[0]).toMatchObject({ action: 'create', remaining: 1 });
  });

  it('prints the summary line in text', async () => {
    const run = await world.kmsctl(['plan', '--no-color']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Plan: 1 to create, 0 deferred, 0 errors, 0 unchanged.');
    expect(run.stdout).toContain('later:    1 more version wanted');
  });

  it('applies exactly one version, then plans only the deferral and exits 0', async () => {
    const apply = await world.kmsctl(['apply', '--auto-approve']);
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Apply complete: 1 created, 0 deferred, 0 failed.');
    expect(await world.versionCount('alias/e2e-signing')).toBe(2);

    const again = await world.kmsctl(['plan', '--detailed-exitcode', '--json']);
    expect(again.exitCode).toBe(0);
    const plan = parseJson<PlanDoc>(again);
    expect(plan.keys[0]?.action).toBe('deferred');
    expect(plan.summary).toMatchObject({ create: 0, deferred: 1 });
  });

  it('creates again once the emulator clock has moved 7 days', async () => {
    await world.advanceClock('7d');
    const run = await world.kmsctl(['plan', '--detailed-exitcode', '--json']);
    expect(run.exitCode).toBe(2);
    expect(parseJson<PlanDoc>(run).summary).toMatchObject({ create: 1, deferred: 0 });
  });

  it('refuses apply without a terminal unless --auto-approve is given, and creates nothing', async () => {
    const before = await world.versionCount('alias/e2e-signing');
    const run = await world.kmsctl(['apply']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('--auto-approve');
    expect(await world.versionCount('alias/e2e-signing')).toBe(before);
  });
});

describe('apply when the service throttles CreateKeyVersion', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({
      region: 'cn-hangzhou',
      keys: [{ id: 'key-e2e-throttled-0001', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/e2e-throttled'], versions: [{ id: V1, creationDate: '-30d' }] }],
    });
    await world.writeConfig('version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n  throttled:\n    keyId: alias/e2e-throttled\n    rotation:\n      maxAge: 14d\n');
  });
  afterAll(() => world.close());

  it('calls again after HTTP 429 Rejected.Throttling, as the service answers over its quota, and the key ends with exactly one new version', async () => {
    const faults = await fetch(`${world.emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ action: 'CreateKeyVersion', count: 1, effect: 'error', status: 429, code: 'Rejected.Throttling', message: 'QPS Limit Exceeded' }] }),
    });
    expect(faults.ok).toBe(true);
    const run = await world.kmsctl(['apply', '--auto-approve', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(parseJson<{ summary: { created: number; failed: number } }>(run).summary).toMatchObject({ created: 1, failed: 0 });
    const stats = (await (await fetch(`${world.emulator.url}/_emulator/faults`)).json()) as { rules: { fired: number }[] };
    expect(stats.rules[0]?.fired, 'the throttling answer was given').toBe(1);
    expect(await world.versionCount('alias/e2e-throttled')).toBe(2);
  });
});
