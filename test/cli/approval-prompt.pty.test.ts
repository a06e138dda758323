/**
 * The approval prompt of `kmsctl apply` on a real terminal: the built CLI runs in a pseudo-terminal
 * (Python's pty module, driven by test/cli/pty-run.py) and gets keystrokes as a user types them.
 * Ctrl-C, Ctrl-D and a SIGINT while the question waits cancel with "Apply cancelled." and exit 130;
 * "y" cancels with exit 1; only "yes" creates the version.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KMSCTL_BIN } from '../e2e/run-kmsctl.js';
import { startWorld, type E2eWorld } from '../e2e/e2e-harness.js';

const DRIVER = fileURLToPath(new URL('./pty-run.py', import.meta.url));
const QUESTION = 'Enter a value:';

type Step = { wait: string; send: string } | { wait: string; signal: 'SIGINT' };

describe('the approval prompt on a terminal', () => {
  let world: E2eWorld;

  beforeEach(async () => {
    world = await startWorld({ region: 'cn-hangzhou', keys: [{ id: 'key-pty-000000000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/pty'] }] });
    await world.writeConfig('version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n  pty:\n    keyId: alias/pty\n    rotation:\n      maxAge: 7d\n');
  });
  afterEach(() => world.close());

  async function applyOnTerminal(steps: Step[]): Promise<{ output: string; exit: number }> {
    const env = { PATH: process.env.PATH ?? '', TERM: 'xterm', ...world.env };
    const result = await execa('python3', [DRIVER], { input: JSON.stringify({ argv: ['node', KMSCTL_BIN, 'apply', '--no-color'], cwd: world.dir, env, steps, timeout: 20 }), reject: false });
    return JSON.parse(result.stdout) as { output: string; exit: number };
  }

  it.each([
    ['Ctrl-C', { wait: QUESTION, send: '\u0003' }],
    ['Ctrl-D', { wait: QUESTION, send: '\u0004' }],
    ['a SIGINT from outside', { wait: QUESTION, signal: 'SIGINT' }],
  ] as const)('%s at the question cancels: "Apply cancelled.", nothing created, exit 130', async (_what, step) => {
    const run = await applyOnTerminal([step]);
    expect(run.exit, run.output).toBe(130);
    expect(run.output).toContain('Apply cancelled.');
    expect(run.output).toContain('error[apply.cancelled]');
    expect(run.output).not.toContain('this is a bug');
    expect(await world.versionCount('alias/pty')).toBe(1);
  });

  it('"y" is not "yes": cancelled, nothing created, exit 1', async () => {
    const run = await applyOnTerminal([{ wait: QUESTION, send: 'y\r' }]);
    expect(run.exit, run.output).toBe(1);
    expect(run.output).toContain('Apply cancelled.');
    expect(await world.versionCount('alias/pty')).toBe(1);
  });

  it('"yes" creates the planned version', async () => {
    const run = await applyOnTerminal([{ wait: QUESTION, send: 'yes\r' }]);
    expect(run.exit, run.output).toBe(0);
    expect(run.output).toContain('Apply complete: 1 created');
    expect(await world.versionCount('alias/pty')).toBe(2);
  });
});
