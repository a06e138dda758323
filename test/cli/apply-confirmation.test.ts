import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { capturedContext } from './captured-context.js';
import { emulatorEnv } from '../builders/emulator-env.js';

describe('apply asks for approval on a terminal', () => {
  let emulator: RunningEmulator;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      freezeClock: true,
      seed: { region: 'cn-hangzhou', keys: [{ id: 'key-confirm-00000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/confirm'] }] },
    });
    dir = await mkdtemp(join(tmpdir(), 'kmsctl-confirm-'));
    await writeFile(join(dir, 'kmsctl.yaml'), 'version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n  confirm:\n    keyId: alias/confirm\n    rotation:\n      maxAge: 7d\n');
    env = emulatorEnv(emulator);
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates nothing when the answer is not exactly "yes"', async () => {
    const ctx = capturedContext({ env, cwd: dir, answers: ['y'], tty: true });
    expect(await runCli(['apply', '--no-color'], ctx)).toBe(1);
    expect(ctx.questions[0]).toContain('Only "yes" approves');
    expect(ctx.err()).toContain('cancelled');
    expect(emulator.stats().actions.CreateKeyVersion ?? 0).toBe(0);
  });

  it('creates the planned version after "yes"', async () => {
    const ctx = capturedContext({ env, cwd: dir, answers: ['yes'], tty: true });
    expect(await runCli(['apply', '--no-color'], ctx)).toBe(0);
    expect(ctx.out()).toContain('Apply complete: 1 created, 0 deferred, 0 failed.');
    expect(emulator.stats().actions.CreateKeyVersion).toBe(1);
  });

  it('does not ask when there is nothing to create', async () => {
    const ctx = capturedContext({ env, cwd: dir, answers: [], tty: true });
    expect(await runCli(['apply', '--no-color'], ctx)).toBe(0);
    expect(ctx.questions).toEqual([]);
    expect(ctx.out()).toContain('Nothing to create now.');
  });
});
