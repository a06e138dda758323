/**
 * What drift and due-soon keys do to plan's exit code: neither changes it, nor --detailed-exitcode's
 * meaning; --fail-on-drift makes drift fail the run, says why, and the JSON says it was asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputSchemaValidator } from '../../src/schemas.js';
import { parseJson, startWorld, type E2eWorld } from './e2e-harness.js';

const PINNED = '33333333-0000-4000-8000-000000000001';
const CONFIG = `version: 1
defaults:
  region: cn-hangzhou
keys:
  drifting:
    keyId: alias/drifting
    versions:
      - id: ${PINNED}
  soon:
    keyId: alias/soon
    rotation:
      maxAge: 30d
      warnBefore: 7d
`;

describe('plan exit codes with drift and keys due soon', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({
      region: 'cn-hangzhou',
      keys: [
        { id: 'key-e2e-drifting-0001', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-20d', aliases: ['alias/drifting'], versions: [{ id: PINNED }, { id: '33333333-0000-4000-8000-000000000002', creationDate: '-10d' }] },
        { id: 'key-e2e-soon-00000001', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-25d', aliases: ['alias/soon'] },
      ],
    });
    await world.writeConfig(CONFIG);
  });
  afterAll(() => world.close());

  it('exits 0 with --detailed-exitcode when nothing is created, whatever drifts or falls due soon', async () => {
    const run = await world.kmsctl(['plan', '--detailed-exitcode']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\^ soon: no change; rotation due \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z \(in [^)]+\)$/m);
    expect(run.stdout).toContain('Drift: 1 live version is not declared');
  });

  it('fails on drift with --fail-on-drift, saying why on stderr, and the JSON says it was asked for', async () => {
    const text = await world.kmsctl(['plan', '--fail-on-drift']);
    expect(text.exitCode).toBe(1);
    expect(text.stderr).toContain('error[plan.drift]');
    const json = await world.kmsctl(['plan', '--fail-on-drift', '--json']);
    expect(json.exitCode).toBe(1);
    const doc = parseJson<{ fail_on_drift: boolean; summary: { drift: number; error: number; due_soon: number } }>(json);
    const validate = await outputSchemaValidator('plan.schema.json', { strict: true });
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(doc.fail_on_drift).toBe(true);
    expect(doc.summary).toMatchObject({ drift: 1, error: 0, due_soon: 1 });
    const without = parseJson<{ fail_on_drift: boolean }>(await world.kmsctl(['plan', '--json']));
    expect(without.fail_on_drift).toBe(false);
  });

  it('warns at the due key\'s line under GitHub Actions', async () => {
    const run = await world.kmsctl(['plan'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^::warning file=kmsctl\.yaml,line=9,.*::soon \(alias\/soon, cn-hangzhou\): rotation falls due at .*\(7d\)$/m);
  });
});
