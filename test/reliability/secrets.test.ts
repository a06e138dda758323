/**
 * Guarantee: secrets never leak. Every command runs with --debug and STS credentials (a known access
 * key secret and security token, registered with the emulator as a temporary credential); neither
 * appears, raw or percent-encoded, in stdout, stderr, plan files, state files or JSON output, also
 * when the service echoes the string to sign (SignatureDoesNotMatch). The emulator binds to loopback
 * unless told otherwise and writes its state file with mode 0600.
 */
import { execa } from 'execa';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { percentEncode } from '../../src/kms/signing/percent-encode.js';
import { TestKms } from '../emulator/signed-client.js';
import { KMSCTL_BIN, runKmsctl, type KmsctlRun } from '../e2e/run-kmsctl.js';
import { REGION, keyIdOf, startReliabilityWorld, type ReliabilityWorld } from './harness.js';

const ACCESS_KEY_ID = 'STS.NUreliabilityKeyId01';
const SECRET = 'Rel1abil1tySecret-9f2c1b7e4a6d8c0e';
const TOKEN = 'CAIS+reliability/SecurityToken=9f2c1b7e4a6d8c0e5b3a1f7d9e2c4b6a8d0f1e3c5b7a9d2f4e6c8b0a';

/** Every form in which a secret could show up in text. */
function forms(secret: string): string[] {
  const once = percentEncode(secret);
  return [secret, once, percentEncode(once), encodeURIComponent(secret), Buffer.from(secret).toString('base64'), secret.slice(4, 24)];
}

function expectNoSecret(text: string, where: string): void {
  for (const form of [...forms(SECRET), ...forms(TOKEN)]) expect(text.includes(form), `${where} holds a secret in the form ${form}`).toBe(false);
}

function expectClean(run: KmsctlRun, where: string): void {
  expectNoSecret(run.stdout, `${where}: stdout`);
  expectNoSecret(run.stderr, `${where}: stderr`);
}

describe('secrets in every output', () => {
  let world: ReliabilityWorld;
  let env: Record<string, string>;

  beforeAll(async () => {
    world = await startReliabilityWorld(4);
    world.emulator.credentials.register({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, securityToken: TOKEN, expiresAtMs: Date.now() + 3_600_000 });
    env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: ACCESS_KEY_ID,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
      ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN,
    };
  });
  afterAll(() => world.close());

  /** In-process (fast, for breadth); the spawned test below covers what only a real process prints. */
  const run = (args: string[], extraEnv: Record<string, string> = {}) => world.cli([...args, '--debug'], { env: { ...env, ...extraEnv } });
  const spawn = (args: string[]) => world.spawn([...args, '--debug'], { env });

  test('validate, plan (text, JSON, markdown, --out), apply, apply PLANFILE, show and import', { timeout: 60_000 }, async () => {
    const planFile = join(world.dir, 'secret-plan.json');
    const runs: [string, KmsctlRun, number][] = [
      ['validate', await run(['validate']), 0],
      ['plan', await run(['plan']), 0],
      ['plan --json', await run(['plan', '--json']), 0],
      ['plan --format markdown', await run(['plan', '--format', 'markdown']), 0],
      ['plan --out', await run(['plan', '--target', 'k0000', '--out', planFile]), 0],
      ['apply PLANFILE', await run(['apply', planFile]), 0],
      ['apply', await run(['apply', '--auto-approve', '--target', 'k0001']), 0],
      ['apply --json', await run(['apply', '--auto-approve', '--json', '--target', 'k0002']), 0],
      ['show', await run(['show']), 0],
      ['show --json', await run(['show', '--json']), 0],
      ['import', await run(['import', keyIdOf(0), '--region', REGION]), 0],
    ];
    for (const [name, result, exitCode] of runs) {
      expect(result.exitCode, `${name}: ${result.stdout}\n${result.stderr}`).toBe(exitCode);
      expectClean(result, name);
    }
    // The debug log shows the calls were made with these credentials: the masked key ID only.
    expect(runs[1]![1].stderr).toMatch(/\[debug\] DescribeKey/);
    expectNoSecret(await readFile(planFile, 'utf8'), 'the saved plan');
    expect((await world.versions()).get(keyIdOf(0))).toHaveLength(2);
  });

  test('the built CLI in a child process: plan --out, apply PLANFILE, errors included', { timeout: 30_000 }, async () => {
    const planFile = join(world.dir, 'spawned-plan.json');
    const plan = await spawn(['plan', '--target', 'k0003', '--out', planFile]);
    expect(plan.exitCode, plan.stderr).toBe(0);
    const apply = await spawn(['apply', planFile]);
    expect(apply.exitCode, apply.stderr).toBe(0);
    const wrong = await world.spawn(['plan', '--debug'], { env: { ...env, ALIBABA_CLOUD_SECURITY_TOKEN: `${TOKEN}x` } });
    expect(wrong.exitCode).toBe(1);
    for (const [name, result] of [['plan --out', plan], ['apply PLANFILE', apply], ['a wrong token', wrong]] as const) expectClean(result, `spawned ${name}`);
    expectNoSecret(await readFile(planFile, 'utf8'), 'the spawned saved plan');
  });

  test('--help of every command', async () => {
    for (const args of [['--help'], ...['validate', 'plan', 'apply', 'show', 'import', 'emulator'].map((command) => [command, '--help'])]) {
      const result = await run(args);
      expect(result.exitCode).toBe(0);
      expectClean(result, args.join(' '));
    }
  });

  test('errors that echo the string to sign or the credential (wrong secret, wrong token, expired token)', async () => {
    for (const [name, extra] of [
      ['a wrong secret', { ALIBABA_CLOUD_ACCESS_KEY_SECRET: `${SECRET}-wrong` }],
      ['a wrong token', { ALIBABA_CLOUD_SECURITY_TOKEN: `${TOKEN}x` }],
      ['no token', { ALIBABA_CLOUD_SECURITY_TOKEN: '' }],
    ] as const) {
      for (const args of [['plan'], ['plan', '--json'], ['apply', '--auto-approve', '--json']]) {
        const result = await run(args, extra);
        expect(result.exitCode, `${name}: ${result.stderr}`).toBe(1);
        expectNoSecret(result.stdout, `${name} ${args.join(' ')}: stdout`);
        // The wrong secret itself may not be printed either; it starts with the right one.
        expectNoSecret(result.stderr, `${name} ${args.join(' ')}: stderr`);
        // The service echoes its string to sign; a V3 one (the default) is a hash of the request, which holds no token.
        if (name === 'a wrong secret' && args.length === 1) expect(result.stderr).toContain('server string to sign is:ACS3-HMAC-SHA256');
      }
    }
  });

  test('the emulator command with --debug and a state file: no secret in its output or its file, mode 0600, loopback', { timeout: 30_000 }, async () => {
    const state = join(world.dir, 'secret-state.json');
    const child = execa('node', [KMSCTL_BIN, 'emulator', '--port', '0', '--state', state, '--debug'], {
      env: { PATH: process.env.PATH ?? '', KMS_EMULATOR_ACCESS_KEY_ID: 'emulator-reliability-id', KMS_EMULATOR_ACCESS_KEY_SECRET: SECRET },
      extendEnv: false,
      reject: false,
      timeout: 20_000,
    });
    const url = await new Promise<string>((resolve) => {
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const match = /^KMS emulator listening on (http:\/\/\S+)\n/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const kms = new TestKms(url, { accessKeyId: 'emulator-reliability-id', accessKeySecret: SECRET });
    const key = (await kms.ok('CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN/VERIFY', Description: 'secret test' })).KeyMetadata;
    await kms.ok('DescribeKey', { KeyId: key.KeyId });
    expect((await kms.call('DescribeKey', { KeyId: key.KeyId }, { accessKeySecret: 'wrong' })).status).toBe(400);
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(String(result.stderr)).toMatch(/emulator: .*DescribeKey/);
    expectNoSecret(String(result.stdout), 'emulator stdout');
    expectNoSecret(String(result.stderr), 'emulator stderr');
    expectNoSecret(await readFile(state, 'utf8'), 'the emulator state file');
    expect((await stat(state)).mode & 0o777).toBe(0o600);
  });

  test('startEmulator binds to loopback unless told otherwise', async () => {
    const emulator = await startEmulator({ port: 0, env: {} });
    try {
      expect(emulator.host).toBe('127.0.0.1');
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    } finally {
      await emulator.close();
    }
  });

  test('a kmsctl that cannot authenticate at all still prints no secret (plain runKmsctl, nothing registered)', async () => {
    const result = await runKmsctl(['plan', '--debug'], { cwd: world.dir, env: { ...world.env, ...env, ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.unknown' } });
    expect(result.exitCode).toBe(1);
    expectClean(result, 'unknown access key');
  });
});
