import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type E2eWorld } from './e2e-harness.js';

const STACK_LINE = /\n\s+at .+\(.+:\d+:\d+\)/;

describe('bad input ends with a clear message, exit 1, and nothing sent or created', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({ region: 'cn-hangzhou', keys: [{ id: 'key-e2e-bad-input-01', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/bad-input'] }] });
  });
  afterAll(() => world.close());

  it.each([
    ['broken YAML', 'broken.yaml', 'version: 1\nkeys:\n  a:\n    keyId: [unclosed\n', /broken\.yaml:\d+:\d+/],
    ['an unknown field', 'unknown-field.yaml', 'version: 1\nkeys:\n  a:\n    keyId: alias/bad-input\n    region: cn-hangzhou\n    rotation:\n      maxage: 90d\n', /unknown-field\.yaml:7:7/],
    ['a bad duration', 'bad-duration.yaml', 'version: 1\nkeys:\n  a:\n    keyId: alias/bad-input\n    region: cn-hangzhou\n    rotation:\n      maxAge: 90 days\n', /bad-duration\.yaml:7:15/],
    ['a wrong type', 'wrong-type.yaml', 'version: 1\nkeys:\n  a:\n    keyId: alias/bad-input\n    region: cn-hangzhou\n    maxVersions: many\n    rotation:\n      maxAge: 90d\n', /wrong-type\.yaml:6:18/],
  ])('rejects %s with file:line:col', async (_what, file, text, position) => {
    await world.writeConfig(text, file);
    for (const command of ['validate', 'plan', 'apply']) {
      const args = command === 'apply' ? [command, '-f', file, '--auto-approve'] : [command, '-f', file];
      const run = await world.kmsctl(args);
      expect(run.exitCode, `${command}: ${run.stderr}`).toBe(1);
      expect(run.stderr).toMatch(position);
      expect(run.stderr).not.toMatch(STACK_LINE);
    }
    expect(world.emulator.stats().total).toBe(0);
  });

  it('rejects a missing file and an unreadable one, naming them', async () => {
    const missing = await world.kmsctl(['plan', '-f', 'nowhere.yaml']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('nowhere.yaml');
    if (process.getuid?.() !== 0) {
      const path = await world.writeConfig('version: 1\n', 'secret.yaml');
      await chmod(path, 0o000);
      const unreadable = await world.kmsctl(['plan', '-f', 'secret.yaml']);
      expect(unreadable.exitCode).toBe(1);
      expect(unreadable.stderr).toContain('secret.yaml');
    }
    await mkdir(join(world.dir, 'empty-dir'), { recursive: true });
    const emptyDir = await world.kmsctl(['plan', '-f', 'empty-dir']);
    expect(emptyDir.exitCode).toBe(1);
    expect(emptyDir.stderr).toContain('empty-dir');
  });

  it('reports an unreachable endpoint in one message without a stack trace', async () => {
    await world.writeConfig('version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n  a:\n    keyId: alias/bad-input\n    rotation:\n      maxAge: 90d\n', 'ok.yaml');
    const run = await world.kmsctl(['plan', '-f', 'ok.yaml'], { env: { KMSCTL_ENDPOINT: 'http://127.0.0.1:1' } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('127.0.0.1:1');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('refuses plain http to a host that is not loopback', async () => {
    const run = await world.kmsctl(['plan', '-f', 'ok.yaml'], { env: { KMSCTL_ENDPOINT: 'http://kms.example.com' } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('http://');
  });

  it('reports refused credentials with the service code and request ID, never the secret', async () => {
    const run = await world.kmsctl(['plan', '-f', 'ok.yaml', '--debug'], { env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'a-wrong-secret-value' } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('SignatureDoesNotMatch');
    expect(run.stderr).toMatch(/RequestId [0-9A-F-]{36}/i);
    expect(run.stdout + run.stderr).not.toContain('a-wrong-secret-value');
  });

  it('reports missing credentials by the variables to set', async () => {
    const run = await world.kmsctl(['plan', '-f', 'ok.yaml'], { env: { ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  describe('a server that answers 500 to everything', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer((_req, res) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ RequestId: 'E2E-500-REQUEST', HostId: 'localhost', Code: 'InternalFailure', Message: 'boom', Recommend: '' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('shows the key in error with the service code and request ID, and exits 1', async () => {
      const run = await world.kmsctl(['plan', '-f', 'ok.yaml', '--json'], { env: { KMSCTL_ENDPOINT: url } });
      expect(run.exitCode).toBe(1);
      const doc = JSON.parse(run.stdout) as { keys: { action: string; error: { api_code: string; request_id: string } }[] };
      expect(doc.keys[0]).toMatchObject({ action: 'error', error: { api_code: 'InternalFailure', request_id: 'E2E-500-REQUEST' } });
    });
  });
});

describe('the command line', () => {
  it.each(['validate', 'plan', 'apply', 'show', 'import', 'emulator'])('prints help for %s and exits 0', async (command) => {
    const { runKmsctl } = await import('./run-kmsctl.js');
    const run = await runKmsctl([command, '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`Usage: kmsctl ${command}`);
  });

  it('rejects an unknown command with a hint', async () => {
    const { runKmsctl } = await import('./run-kmsctl.js');
    const run = await runKmsctl(['plna']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('did you mean "plan"');
  });

  it('rejects an unknown flag with a hint', async () => {
    const { runKmsctl } = await import('./run-kmsctl.js');
    const run = await runKmsctl(['plan', '--detailed-exitcodes']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('--detailed-exitcode');
  });

  it('prints its version', async () => {
    const { runKmsctl } = await import('./run-kmsctl.js');
    const run = await runKmsctl(['--version']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^kmsctl \d+\.\d+\.\d+/);
  });
});
