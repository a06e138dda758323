/**
 * The STS-based sources (OIDC, RamRoleArn profiles) against the emulator's STS over HTTPS, as against
 * the real service: @alicloud/credentials speaks HTTPS only and trusts certificates through
 * NODE_EXTRA_CA_CERTS, which node reads at start, so these run the built CLI (and a small probe
 * script) in child processes. Needs `npm run build`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { tempDir } from '../emulator/helpers.js';
import { jwt, OIDC_PROVIDER_ARN, OIDC_TEST_ISSUER } from '../emulator/sts-helpers.js';
import { runKmsctl } from '../e2e/run-kmsctl.js';
import { DEMO_ID, DEMO_SECRET, homeWith, ROLE_ARN } from './helpers.js';

const PROBE = fileURLToPath(new URL('./fixtures/refresh-probe.mjs', import.meta.url));
const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function tlsEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  // The emulator verifies OIDC tokens against an issuer key (the tests' own) unless a test names the one token it takes.
  const emulator = await startEmulator({ port: 0, tls: true, env: {}, accessKeyId: DEMO_ID, accessKeySecret: DEMO_SECRET, ...(options.stsOidcToken === undefined ? OIDC_TEST_ISSUER : {}), ...options });
  running.push(emulator);
  return emulator;
}

function oidcEnv(token = jwt()): Record<string, string> {
  const file = join(tempDir(), 'oidc-token');
  writeFileSync(file, token);
  return { ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE: file };
}

const RAM_ROLE_PROFILES = {
  current: 'deploy',
  profiles: [
    { name: 'deploy', mode: 'RamRoleArn', access_key_id: DEMO_ID, access_key_secret: DEMO_SECRET, ram_role_arn: ROLE_ARN, ram_session_name: 'kmsctl-test', expired_seconds: 900, region_id: 'cn-hangzhou' },
    { name: 'helper', mode: 'External', process_command: '' },
    { name: 'chained', mode: 'ChainableRamRoleArn', source_profile: 'helper', ram_role_arn: ROLE_ARN },
  ],
};

/** Runs `kmsctl doctor --json` trusting the emulator's certificate, with the STS endpoint set through KMSCTL_STS_ENDPOINT. */
async function doctor(emulator: RunningEmulator, env: Record<string, string>, args: string[] = []) {
  const run = await runKmsctl(['doctor', '--json', '--region', 'cn-hangzhou', ...args], {
    env: { NODE_EXTRA_CA_CERTS: emulator.tlsCertPath ?? '', KMSCTL_ENDPOINT: emulator.url, KMSCTL_STS_ENDPOINT: emulator.url, ...env },
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let json: any;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    throw new Error(`doctor printed no JSON (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`);
  }
  return { run, json };
}

describe('STS-based credential sources, over HTTPS through @alicloud/credentials', () => {
  test('OIDC: AssumeRoleWithOIDC with the token file, then signed KMS calls with the temporary credentials', async () => {
    const emulator = await tlsEmulator();
    const { run, json } = await doctor(emulator, { HOME: homeWith(), ...oidcEnv() });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(json.credentials).toMatchObject({ ok: true, source: 'oidc', temporary: true, access_key_id: expect.stringMatching(/^STS\.\*\*\*\*.{4}$/), sts_endpoint: { url: emulator.url, origin: 'KMSCTL_STS_ENDPOINT' } });
    expect(json.regions[0].check).toMatchObject({ ok: true, request_id: expect.stringMatching(/^[0-9A-F-]{36}$/) });
    expect(emulator.stats().actions).toMatchObject({ AssumeRoleWithOIDC: expect.any(Number), ListKeys: 1 });
  });

  test('CLI profile RamRoleArn: AssumeRole signed with the profile key, through the --sts-endpoint override', async () => {
    const emulator = await tlsEmulator();
    const { run, json } = await doctor(emulator, { HOME: homeWith(RAM_ROLE_PROFILES), KMSCTL_STS_ENDPOINT: '' }, ['--sts-endpoint', emulator.url]);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(json.credentials).toMatchObject({ source: 'cli-profile', description: `CLI profile "deploy" (mode RamRoleArn, STS at ${emulator.url})`, temporary: true, sts_endpoint: { origin: '--sts-endpoint' } });
    expect(emulator.stats().actions['AssumeRole']).toBeGreaterThanOrEqual(1);
    expect(run.stdout).not.toContain(DEMO_SECRET);
  });

  test('CLI profile ChainableRamRoleArn over an External source profile', async () => {
    const emulator = await tlsEmulator();
    const script = join(tempDir(), 'helper.mjs');
    writeFileSync(script, `process.stdout.write(JSON.stringify({ mode: 'AK', access_key_id: '${DEMO_ID}', access_key_secret: '${DEMO_SECRET}' }));`);
    const profiles = structuredClone(RAM_ROLE_PROFILES);
    profiles.profiles[1]!.process_command = `"${process.execPath}" "${script}"`;
    const { run, json } = await doctor(emulator, { HOME: homeWith(profiles) }, ['--profile', 'chained']);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(json.credentials).toMatchObject({ source: 'cli-profile', temporary: true });
    expect(json.credentials.description).toContain('ChainableRamRoleArn');
  });

  test('the chain picks OIDC over a CLI profile, and the environment over both', async () => {
    const emulator = await tlsEmulator();
    const home = homeWith(RAM_ROLE_PROFILES);
    const oidcFirst = await doctor(emulator, { HOME: home, ...oidcEnv() });
    expect(oidcFirst.json.credentials.looked_at.map((c: { status: string }) => c.status)).toEqual(['absent', 'selected']);
    expect(oidcFirst.json.credentials.source).toBe('oidc');
    const envFirst = await doctor(emulator, { HOME: home, ...oidcEnv(), ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_SECRET });
    expect(envFirst.json.credentials).toMatchObject({ source: 'environment', temporary: false });
    expect(envFirst.run.exitCode).toBe(0);
  });

  test('an OIDC token STS refuses is reported with its code and request ID', async () => {
    const emulator = await tlsEmulator({ stsOidcToken: jwt({ sub: 'only-this-one' }) });
    const { run, json } = await doctor(emulator, { HOME: homeWith(), ...oidcEnv(jwt({ sub: 'someone-else' })) });
    expect(run.exitCode).toBe(1);
    expect(json.credentials.error).toMatchObject({ code: 'credentials.failed', message: expect.stringMatching(/STS answered AuthenticationFail\.OIDCToken\.Invalid: .*\(RequestId [0-9A-F-]{36}\)/) });
    expect(json.regions[0].check).toBeNull();
  });

  test('without NODE_EXTRA_CA_CERTS the certificate is not trusted, and the message says what to set', async () => {
    const emulator = await tlsEmulator();
    const { run, json } = await doctor(emulator, { HOME: homeWith(), ...oidcEnv(), NODE_EXTRA_CA_CERTS: '' });
    expect(run.exitCode).toBe(1);
    expect(json.credentials.error.message).toContain('NODE_EXTRA_CA_CERTS');
  });
});

describe('temporary credentials are refreshed before they expire', () => {
  test.each([
    ['OIDC', () => ({ HOME: homeWith(), ...oidcEnv() }), 'oidc'],
    ['a RamRoleArn profile', () => ({ HOME: homeWith(RAM_ROLE_PROFILES) }), 'cli-profile'],
  ])('%s: an expired token is refused, and the chain has a fresh one by then', async (_name, env, source) => {
    const emulator = await tlsEmulator({ stsMaxDurationSeconds: 1 });
    const input = JSON.stringify({ endpoint: emulator.url, stsEndpoint: emulator.url, region: 'cn-hangzhou', waitMs: 2_100 });
    const result = await execa(process.execPath, [PROBE, input], { env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: emulator.tlsCertPath ?? '', ...env() }, extendEnv: false, reject: false });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ source, firstTemporary: true, firstCall: 'ok', staleCall: 'InvalidSecurityToken.Expired', refreshed: true, secondCall: 'ok' });
  });

  test('a slow apply outlives several 1-second STS tokens and still creates every version', async () => {
    const emulator = await tlsEmulator({
      stsMaxDurationSeconds: 1,
      latencyMs: 150,
      seed: {
        region: 'cn-hangzhou',
        keys: ['a', 'b', 'c'].map((n) => ({ id: `key-refresh-${n}-000001`, spec: 'RSA_2048' as const, usage: 'SIGN/VERIFY' as const, creationDate: '-30d', aliases: [`alias/refresh-${n}`] })),
      },
    });
    const dir = tempDir();
    writeFileSync(join(dir, 'kmsctl.yaml'), `version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n${['a', 'b', 'c'].map((n) => `  ${n}:\n    keyId: alias/refresh-${n}\n    rotation:\n      maxAge: 7d\n`).join('')}`);
    const started = Date.now();
    const run = await runKmsctl(['apply', '--auto-approve', '--parallelism', '1'], {
      cwd: dir,
      env: { HOME: homeWith(RAM_ROLE_PROFILES), NODE_EXTRA_CA_CERTS: emulator.tlsCertPath ?? '', KMSCTL_ENDPOINT: emulator.url, KMSCTL_STS_ENDPOINT: emulator.url },
    });
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('Apply complete: 3 created, 0 deferred, 0 failed.');
    expect(Date.now() - started).toBeGreaterThan(2_000);
    const stats = emulator.stats();
    expect(stats.actions['CreateKeyVersion']).toBe(3);
    expect(stats.actions['AssumeRole']).toBeGreaterThan(2);
    expect(stats.errorCodes['InvalidSecurityToken.Expired'] ?? 0).toBe(0);
  });
});
