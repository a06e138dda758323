import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CliError } from '../../src/cli/cli-error.js';
import type { CommandContext } from '../../src/cli/command.js';
import { emulatorCommand } from '../../src/cli/commands/emulator.js';
import { fifo, tempDir } from './helpers.js';
import { TestKms } from './signed-client.js';
import { assumeRoleWithOidc, jwt, OIDC_PROVIDER_ARN, OIDC_TEST_JWKS, ROLE_ARN, sts } from './sts-helpers.js';

function fileWith(text: string): string {
  const path = join(tempDir(), 'file');
  writeFileSync(path, text);
  return path;
}

function fakeContext(env: Record<string, string> = {}) {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  let notify: (() => void) | undefined;
  const ctx: CommandContext = {
    stdout: { write: (text) => { out.push(text); notify?.(); }, isTTY: false },
    stderr: { write: (text) => void err.push(text), isTTY: false },
    env,
    cwd: process.cwd(),
    prompt: undefined,
    signal: controller.signal,
    debug: false,
  };
  /** Resolves once stdout has the listening line. */
  const listening = new Promise<string>((resolve) => {
    notify = () => {
      const match = /^KMS emulator listening on (http:\/\/\S+)\n/.exec(out.join(''));
      if (match?.[1]) resolve(match[1]);
    };
  });
  return { ctx, controller, out, err, listening };
}

describe('kmsctl emulator', () => {
  test('prints the listening line first, then the access key ID without the secret, serves until aborted, and exits 0', async () => {
    const { ctx, controller, out, listening } = fakeContext();
    const running = emulatorCommand.run({ now: '2026-01-10T08:00:00Z', seed: 'examples/seeds/demo.yaml' }, [], ctx);
    const url = await listening;
    expect(out.join('')).toMatch(/^KMS emulator listening on http:\/\/127\.0\.0\.1:\d+\n/);
    const kms = new TestKms(url);
    expect((await kms.ok('DescribeKey', { KeyId: 'alias/payments/signing' })).KeyMetadata.KeyId).toBe('key-hzz0payments0signing01');
    controller.abort();
    expect(await running).toBe(0);
    const text = out.join('');
    expect(text.split('\n')[1]).toMatch(/^Access key ID: kmsctl-demo-access-key-id /);
    expect(text).not.toContain('kmsctl-demo-access-key-secret');
    expect(text).toContain('10 keys added');
    await expect(kms.call('ListKeys')).rejects.toThrow();
  });

  test('uses the credential from the environment and never prints its secret', async () => {
    const { ctx, controller, out, listening } = fakeContext({ KMS_EMULATOR_ACCESS_KEY_ID: 'env-key-id', KMS_EMULATOR_ACCESS_KEY_SECRET: 'env-key-secret' });
    const running = emulatorCommand.run({}, [], ctx);
    const url = await listening;
    await new TestKms(url, { accessKeyId: 'env-key-id', accessKeySecret: 'env-key-secret' }).ok('ListKeys');
    controller.abort();
    await running;
    expect(out.join('')).toContain('Access key ID: env-key-id (from KMS_EMULATOR_ACCESS_KEY_ID');
    expect(out.join('')).not.toContain('env-key-secret');
  });

  test('--account-uid sets the base account, and --quotas the published quotas, both in the banner', async () => {
    const { ctx, controller, out, listening } = fakeContext();
    const running = emulatorCommand.run({ 'account-uid': '5550000000000003', quotas: 'service', quota: ['key-create=5'] }, [], ctx);
    const url = await listening;
    const identity = await sts(url, 'GetCallerIdentity', {});
    controller.abort();
    expect(await running).toBe(0);
    expect(identity.body.AccountId).toBe('5550000000000003');
    expect(out.join('')).toContain('Base account: 5550000000000003');
    expect(out.join('')).toContain('key-read 50, key-write 30, key-create 5, instance-read 50');
  });

  test('binding a non-loopback host warns what anyone who reaches the port can call unsigned, and what needs the access key', async () => {
    const { ctx, controller, err, out, listening } = fakeContext();
    const running = emulatorCommand.run({ host: '0.0.0.0' }, [], ctx);
    await listening;
    controller.abort();
    expect(await running).toBe(0);
    const warning = err.join('');
    expect(warning).toMatch(/^Warning: bound to 0\.0\.0\.0, not loopback/);
    expect(warning).toContain('without a signature, AssumeRoleWithOIDC, which is refused as no OIDC issuer is configured');
    expect(warning).toContain('every other KMS and STS action needs a request signed with the access key');
    expect(warning).toContain('the /_emulator/ endpoints answer loopback clients only');
    expect(warning).not.toMatch(/knows the access key can call it/);
    expect(out.join('')).toContain('OIDC: AssumeRoleWithOIDC is refused (no --oidc-issuer-key or --oidc-token-file); at most 1,000 STS credentials are kept');
  });

  test('on loopback there is no warning, and the banner says which OIDC tokens are accepted', async () => {
    const keyFile = join(tempDir(), 'jwks.json');
    writeFileSync(keyFile, OIDC_TEST_JWKS);
    const { ctx, controller, err, out, listening } = fakeContext();
    const running = emulatorCommand.run({ 'oidc-issuer-key': keyFile }, [], ctx);
    const url = await listening;
    const minted = await assumeRoleWithOidc(url, { OIDCProviderArn: OIDC_PROVIDER_ARN, RoleArn: ROLE_ARN, OIDCToken: jwt() });
    controller.abort();
    expect(await running).toBe(0);
    expect(minted.status).toBe(200);
    expect(err.join('')).toBe('');
    expect(out.join('')).toContain('OIDC: AssumeRoleWithOIDC accepts tokens signed by the issuer key of --oidc-issuer-key, unexpired');
  });

  test.each([
    ['a missing file', () => join(tempDir(), 'none')],
    ['an empty file', () => fileWith('')],
    ['a file that holds no public key', () => fileWith('{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}')],
    ['a named pipe', () => fifo()],
    ['a directory', () => tempDir()],
  ])('--oidc-issuer-key naming %s is a CliError, at once', async (_name, path) => {
    const { ctx } = fakeContext();
    const error = await emulatorCommand.run({ 'oidc-issuer-key': path() }, [], ctx).catch((e: unknown) => e);
    expect((error as CliError).code).toBe('cli.bad-flag-value');
  });

  test('--oidc-token-file naming a named pipe is a CliError, at once', async () => {
    const { ctx } = fakeContext();
    const error = await emulatorCommand.run({ 'oidc-token-file': fifo() }, [], ctx).catch((e: unknown) => e);
    expect((error as CliError).code).toBe('cli.bad-flag-value');
  });

  test.each([
    ['a port that is not a number', { port: 'http' }, 'cli.bad-flag-value'],
    ['a port out of range', { port: '70000' }, 'cli.bad-flag-value'],
    ['a start time without a zone', { now: '2026-01-01T00:00:00' }, 'cli.bad-flag-value'],
    ['a region that is not one', { region: 'Hangzhou' }, 'cli.bad-flag-value'],
    ['a missing seed file', { seed: 'no-such-seed.yaml' }, 'emulator.seed'],
    ['an account UID that is not digits', { 'account-uid': 'acme' }, 'cli.bad-flag-value'],
    ['an unknown quota preset', { quotas: 'generous' }, 'cli.bad-flag-value'],
  ])('%s is a CliError', async (_name, values, code) => {
    const { ctx } = fakeContext();
    const error = await emulatorCommand.run(values, [], ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe(code);
  });

  test('a corrupt state file is a CliError naming the file', async () => {
    const state = join(tempDir(), 'state.json');
    writeFileSync(state, 'garbage');
    const { ctx } = fakeContext();
    const error = await emulatorCommand.run({ state }, [], ctx).catch((e: unknown) => e);
    expect((error as CliError).code).toBe('emulator.state');
    expect((error as CliError).message).toContain(state);
  });

  test('a state file in use is a CliError', async () => {
    const state = join(tempDir(), 'state.json');
    const first = fakeContext();
    const running = emulatorCommand.run({ state }, [], first.ctx);
    await first.listening;
    const { ctx } = fakeContext();
    const error = await emulatorCommand.run({ state }, [], ctx).catch((e: unknown) => e);
    expect((error as CliError).code).toBe('emulator.state-locked');
    first.controller.abort();
    expect(await running).toBe(0);
  });

  test('a port in use is a CliError', async () => {
    const first = fakeContext();
    const running = emulatorCommand.run({}, [], first.ctx);
    const port = new URL(await first.listening).port;
    const { ctx } = fakeContext();
    const error = await emulatorCommand.run({ port }, [], ctx).catch((e: unknown) => e);
    expect((error as CliError).code).toBe('emulator.listen');
    first.controller.abort();
    await running;
  });
});
