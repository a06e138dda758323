import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type E2eWorld } from './e2e-harness.js';

function configFor(name: string, keyId: string): string {
  return `version: 1
defaults:
  region: cn-hangzhou
keys:
  ${name}:
    keyId: ${keyId}
    rotation:
      maxAge: 7d
`;
}

describe('keys that cannot get a version', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({
      region: 'cn-hangzhou',
      keys: [
        { id: 'key-e2e-symmetric-01', spec: 'Aliyun_AES_256', creationDate: '-30d', aliases: ['alias/symmetric'] },
        { id: 'key-e2e-disabled-001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', state: 'Disabled', creationDate: '-30d', aliases: ['alias/disabled'] },
      ],
    });
  });
  afterAll(() => world.close());

  it.each([
    ['symmetric-key', 'alias/symmetric', 'key.symmetric'],
    ['disabled-key', 'alias/disabled', 'key.not-enabled'],
    ['missing-alias', 'alias/does-not-exist', 'key.not-found'],
  ])('reports %s as an error naming the key, exits 1 and creates nothing', async (name, keyId, code) => {
    await world.writeConfig(configFor(name, keyId), `${name}.yaml`);
    const plan = await world.kmsctl(['plan', '-f', `${name}.yaml`, '--json']);
    expect(plan.exitCode).toBe(1);
    const doc = JSON.parse(plan.stdout) as { keys: { name: string; action: string; error?: { code: string } }[] };
    expect(doc.keys[0]).toMatchObject({ name, action: 'error', error: { code } });

    const apply = await world.kmsctl(['apply', '-f', `${name}.yaml`, '--auto-approve', '--no-color']);
    expect(apply.exitCode).toBe(1);
    expect(apply.stdout + apply.stderr).toContain(name);
    expect(world.emulator.stats().actions.CreateKeyVersion ?? 0).toBe(0);
  });
});
