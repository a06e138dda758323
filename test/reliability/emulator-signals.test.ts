/**
 * `kmsctl emulator` as users run it (the built CLI in a child process): SIGINT and SIGTERM stop it even
 * with answers still waiting out a long simulated latency or an injected delay, and flag files that are
 * named pipes are refused at once instead of blocking the start, and with it every signal handler.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { KMSCTL_BIN } from '../e2e/run-kmsctl.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fifoIn(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kmsctl-signals-'));
  dirs.push(dir);
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

/** The emulator in a child process; execa's timeout stands for "it would hang": no test here waits that long when all is well. */
function emulator(args: string[]): ResultPromise<{ reject: false; timeout: number; env: Record<string, string>; extendEnv: false }> {
  return execa('node', [KMSCTL_BIN, 'emulator', ...args], { reject: false, timeout: 20_000, env: { PATH: process.env.PATH ?? '' }, extendEnv: false });
}

function listening(child: ReturnType<typeof emulator>): Promise<string> {
  return new Promise((resolve) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /^KMS emulator listening on (http:\/\/\S+)\n/.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
  });
}

/** Sends a request the emulator will hold (latency or delay) over a kept-alive connection, and never waits for it. */
function requestHeldOpen(url: string): void {
  const held = request(`${url}/?Action=ListKeys&Format=JSON`, { agent: new Agent({ keepAlive: true }) });
  held.on('error', () => undefined);
  held.end();
}

describe('kmsctl emulator and signals', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)('%s stops it, with exit 0, while an answer waits out a 60 s latency', { timeout: 30_000 }, async (signal) => {
    const child = emulator(['--latency', '60s']);
    requestHeldOpen(await listening(child));
    await new Promise((done) => setTimeout(done, 200));
    child.kill(signal);
    const result = await child;
    expect({ timedOut: result.timedOut, exitCode: result.exitCode }).toEqual({ timedOut: false, exitCode: 0 });
    expect(result.stdout).toContain('KMS emulator stopped.');
  });

  test('SIGTERM stops it while an injected delay holds an answer', { timeout: 30_000 }, async () => {
    const child = emulator([]);
    const url = await listening(child);
    const rules = { seed: 1, rules: [{ action: 'ListKeys', probability: 1, effect: 'delay', ms: 60_000 }] };
    expect((await fetch(`${url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rules) })).status).toBe(200);
    requestHeldOpen(url);
    await new Promise((done) => setTimeout(done, 200));
    child.kill('SIGTERM');
    const result = await child;
    expect({ timedOut: result.timedOut, exitCode: result.exitCode }).toEqual({ timedOut: false, exitCode: 0 });
  });
});

describe('kmsctl emulator and named pipes', () => {
  test.each([
    ['--state', 'state.json', 'emulator.state'],
    ['--seed', 'seed.yaml', 'emulator.seed'],
    ['--faults', 'faults.yaml', 'emulator.faults'],
    ['--oidc-issuer-key', 'jwks.json', 'cli.bad-flag-value'],
    ['--oidc-token-file', 'token', 'cli.bad-flag-value'],
  ])('%s naming a FIFO (%s) is refused at once with %s', { timeout: 30_000 }, async (flag, name, code) => {
    const result = await emulator([flag, fifoIn(name)]);
    expect({ timedOut: result.timedOut, exitCode: result.exitCode }).toEqual({ timedOut: false, exitCode: 1 });
    expect(result.stderr).toContain(`error[${code}]`);
    expect(result.stderr).toMatch(/named pipe/);
  });
});
