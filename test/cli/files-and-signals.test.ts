/**
 * Hostile or odd files and signals: a saved plan's checksum covers the whole file; a plan nested
 * thousands of levels deep, a FIFO given as a plan file or standing at the CLI profile's path are
 * refused up front with a code (a read from a FIFO could never be interrupted); a run whose parent
 * goes away stops; the demo tells the truth about its exit codes and writes no ANSI into a pipe.
 */
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type E2eWorld } from '../e2e/e2e-harness.js';
import { KMSCTL_BIN } from '../e2e/run-kmsctl.js';

const STACK = /\n\s+at /;

describe('files kmsctl reads and the signals it gets', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({ region: 'cn-hangzhou', keys: [{ id: 'key-files-000000000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/files'] }] });
    await world.writeConfig('version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n  files:\n    keyId: alias/files\n    rotation:\n      maxAge: 7d\n');
    expect((await world.kmsctl(['plan', '--out', 'good.plan'])).exitCode).toBe(0);
  });
  afterAll(() => world.close());

  it('refuses a saved plan whose config_files, endpoints or created_at were edited: the checksum covers them', async () => {
    const saved = JSON.parse(await readFile(join(world.dir, 'good.plan'), 'utf8')) as Record<string, unknown>;
    for (const [field, value] of [['config_files', ['/tmp/other.yaml']], ['endpoints', { 'cn-hangzhou': 'http://127.0.0.1:1' }], ['created_at', '2020-01-01T00:00:00Z'], ['kmsctl_version', '9.9.9']] as const) {
      await writeFile(join(world.dir, 'edited.plan'), JSON.stringify({ ...saved, [field]: value }));
      const run = await world.kmsctl(['apply', 'edited.plan', '--pin']);
      expect(run.exitCode, field).toBe(1);
      expect(run.stderr, field).toContain('error[plan-file.checksum]');
    }
    expect(await world.versionCount('alias/files')).toBe(1);
  });

  it('refuses a plan file nested 5,000 levels deep as not a kmsctl plan, never as an internal error', async () => {
    const saved = JSON.parse(await readFile(join(world.dir, 'good.plan'), 'utf8')) as Record<string, unknown>;
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    await writeFile(join(world.dir, 'deep.plan'), JSON.stringify(saved).replace('"endpoints":', `"deep":${deep},"endpoints":`));
    const run = await world.kmsctl(['apply', 'deep.plan']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('error[plan-file.foreign]');
    expect(run.stderr).not.toContain('this is a bug');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('points a config given as a plan file to -f, and a plan --json document to --out', async () => {
    expect((await world.kmsctl(['apply', 'kmsctl.yaml'])).stderr).toMatch(/error\[plan-file\.foreign\]: kmsctl\.yaml is a kmsctl config[^\n]*\n.*-f kmsctl\.yaml/);
    const json = await world.kmsctl(['plan', '--json']);
    await writeFile(join(world.dir, 'output.json'), json.stdout);
    expect((await world.kmsctl(['apply', 'output.json'])).stderr).toMatch(/output of "kmsctl plan --json"[\s\S]*plan --out/);
  });

  it('names the missing folder of --out, not a temporary file', async () => {
    const run = await world.kmsctl(['plan', '--out', 'no/such/folder/plan.json']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('error[plan-file.unwritable]');
    expect(run.stderr).toContain('does not exist');
    expect(run.stderr).not.toContain('.tmp');
  });

  it('refuses a FIFO as a plan file, and a FIFO at the CLI profile path, at once', async () => {
    const fifo = join(world.dir, 'plan.fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const apply = await world.kmsctl(['apply', 'plan.fifo']);
    expect(apply.exitCode).toBe(1);
    expect(apply.stderr).toContain('error[plan-file.not-a-file]');
    const home = await mkdtemp(join(tmpdir(), 'kmsctl-fifo-home-'));
    try {
      await mkdir(join(home, '.aliyun'));
      execFileSync('mkfifo', [join(home, '.aliyun', 'config.json')]);
      for (const command of ['plan', 'doctor']) {
        const run = await world.kmsctl([command], { env: { HOME: home } });
        expect(run.exitCode, command).toBe(1);
        expect(run.stdout + run.stderr, command).toContain('credentials.profile-not-a-file');
      }
    } finally {
      await rm(home, { recursive: true, force: true });
    }
    expect(Date.now() - started, 'nothing waited on a FIFO').toBeLessThan(20_000);
  });

  it('a kmsctl whose parent went away stops by itself', async () => {
    const parent = execa('node', ['-e', `const c=require('child_process').spawn(process.execPath,[${JSON.stringify(KMSCTL_BIN)},'emulator','--port','0'],{stdio:['ignore','pipe','inherit']});c.stdout.once('data',()=>console.log('CHILD '+c.pid));setInterval(()=>{},1000);`], { reject: false });
    const pid = await new Promise<number>((resolve) => parent.stdout?.on('data', (chunk: Buffer) => { const m = /CHILD (\d+)/.exec(chunk.toString()); if (m) resolve(Number(m[1])); }));
    parent.kill('SIGKILL');
    await parent;
    const alive = (): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    const stillAlive = alive();
    if (stillAlive) process.kill(pid, 'SIGKILL');
    expect(stillAlive).toBe(false);
  });
});

describe('the demo', () => {
  it('writes no ANSI into a pipe, and every exit code it explains is the one it got', async () => {
    const run = await execa('node', [join(process.cwd(), 'dist', 'demo', 'run-demo.js')], { env: { PATH: process.env.PATH ?? '' }, extendEnv: false, reject: false });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).not.toContain('nothing can be created for 7 days)');
    for (const match of run.stdout.matchAll(/\(exit code (\d)(?:: ([^)]*))?\)/g)) {
      if (match[1] === '1') expect(match[2], match[0]).toContain('in error');
    }
  });

  it('is not built again by npm run demo, and package.json exports only what exists', async () => {
    const pkg = JSON.parse(await readFile(join(process.cwd(), 'package.json'), 'utf8')) as { scripts: Record<string, string>; exports?: Record<string, string> };
    expect(pkg.scripts.demo).not.toContain('build');
    for (const target of Object.values(pkg.exports ?? {})) await expect(readFile(join(process.cwd(), target))).resolves.toBeDefined();
  });
});
