/** The signing and quota flags, through the built CLI against the emulator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type E2eWorld } from './e2e-harness.js';

describe('--signature-version and --quota', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({ region: 'cn-hangzhou', keys: [{ id: 'key-e2e-signing-00001', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-3d', aliases: ['alias/signed'] }] });
    await world.writeConfig('version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n  signed:\n    keyId: alias/signed\n    rotation:\n      maxAge: 30d\n');
  });
  afterAll(() => world.close());

  it('signs V3 by default and HMAC-SHA1 with v1, as the service\'s echoed string to sign shows, and both are accepted', async () => {
    const wrong = { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-the-secret' };
    const v3 = await world.kmsctl(['plan'], { env: wrong });
    expect(v3.exitCode).toBe(1);
    expect(v3.stderr).toContain('ACS3-HMAC-SHA256');
    const v1 = await world.kmsctl(['plan', '--signature-version', 'v1'], { env: wrong });
    expect(v1.exitCode).toBe(1);
    expect(v1.stderr).toMatch(/string to sign is:(GET|POST)&%2F&/);
    for (const flags of [[], ['--signature-version', 'v1']]) {
      const run = await world.kmsctl(['plan', '--detailed-exitcode', ...flags]);
      expect(run.exitCode, run.stderr).toBe(0);
    }
  });

  it('takes quota figures, and refuses a group it does not know with a coded error', async () => {
    const paced = await world.kmsctl(['plan', '--quota', 'key-read=20', '--quota', 'key-write=5'], { env: { KMSCTL_QUOTAS: '' } });
    expect(paced.exitCode, paced.stderr).toBe(0);
    const typo = await world.kmsctl(['plan', '--quota', 'key-raed=20']);
    expect(typo.exitCode).toBe(1);
    expect(typo.stderr).toContain('error[cli.bad-flag-value]');
    expect(typo.stderr).toContain('"key-read"');
  });
});
