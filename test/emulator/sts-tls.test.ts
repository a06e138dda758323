import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CliError } from '../../src/cli/cli-error.js';
import { emulatorCommand } from '../../src/cli/commands/emulator.js';
import type { CommandContext } from '../../src/cli/command.js';
import { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../src/emulator/index.js';
import { ipBytes } from '../../src/emulator/tls/self-signed-cert.js';
import { signV1, stringToSignV1 } from '../../src/kms/signing/signature-v1.js';
import { startTest, tempDir, track } from './helpers.js';
import { encodeParams, timestampNow } from './signed-client.js';
import { ROLE_ARN } from './sts-helpers.js';

/** A V1-signed GET over HTTPS, trusting `ca` (or nothing but the system roots when undefined). */
function httpsCall(url: string, ca: string | undefined, action: string, version: string, extra: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const params: Record<string, string> = {
    Action: action,
    Version: version,
    Format: 'JSON',
    AccessKeyId: DEMO_ACCESS_KEY_ID,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: crypto.randomUUID(),
    Timestamp: timestampNow(),
    ...extra,
  };
  params['Signature'] = signV1(stringToSignV1('GET', params), DEMO_ACCESS_KEY_SECRET);
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: `/?${encodeParams(params)}`, method: 'GET', ...(ca === undefined ? {} : { ca }), agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the emulator with TLS', () => {
  test('serves KMS and STS over HTTPS with a fresh self-signed certificate for the loopback names', async () => {
    const { emulator } = await startTest({ tls: true });
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const pem = readFileSync(emulator.tlsCertPath ?? '', 'utf8');
    expect(pem).toBe(emulator.tlsCertificate);
    expect(pem).not.toContain('PRIVATE KEY');
    const cert = new X509Certificate(pem);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.ca).toBe(true);
    expect(Date.parse(cert.validTo)).toBeGreaterThan(Date.now() + 7 * 86_400_000);
    expect((await httpsCall(emulator.url, pem, 'ListKeys', '2016-01-20')).status).toBe(200);
    const assumed = await httpsCall(emulator.url, pem, 'AssumeRole', '2015-04-01', { RoleArn: ROLE_ARN, RoleSessionName: 'tls' });
    expect(assumed.status).toBe(200);
    expect(assumed.body['Credentials']).toMatchObject({ AccessKeyId: expect.stringMatching(/^STS\./) });
  });

  test('a client that does not trust the certificate is refused at the handshake', async () => {
    const { emulator } = await startTest({ tls: true });
    await expect(httpsCall(emulator.url, undefined, 'ListKeys', '2016-01-20')).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  test('each start makes a new key and certificate; the temporary certificate directory goes with the emulator', async () => {
    const first = track(await startEmulator({ port: 0, tls: true, env: {} }));
    const second = track(await startEmulator({ port: 0, tls: true, env: {} }));
    expect(first.tlsCertificate).not.toBe(second.tlsCertificate);
    const path = first.tlsCertPath ?? '';
    expect(existsSync(path)).toBe(true);
    await first.close();
    expect(existsSync(dirname(path))).toBe(false);
  });

  test('the certificate goes to --tls-cert-out, else next to the state file, and stays there', async () => {
    const dir = tempDir();
    const chosen = track(await startEmulator({ port: 0, tls: true, tlsCertOut: join(dir, 'emulator.pem'), env: {} }));
    expect(chosen.tlsCertPath).toBe(join(dir, 'emulator.pem'));
    const stateful = track(await startEmulator({ port: 0, tls: true, statePath: join(dir, 'state.json'), env: {} }));
    expect(stateful.tlsCertPath).toBe(join(dir, 'state.json.cert.pem'));
    await chosen.close();
    await stateful.close();
    expect(existsSync(join(dir, 'emulator.pem'))).toBe(true);
    expect(existsSync(join(dir, 'state.json.cert.pem'))).toBe(true);
  });

  test('an unwritable certificate path fails the start and releases the state lock', async () => {
    const dir = tempDir();
    await expect(startEmulator({ port: 0, tls: true, tlsCertOut: join(dir, 'missing', 'cert.pem'), statePath: join(dir, 'state.json'), env: {} })).rejects.toThrow(/cannot write the TLS certificate/);
    track(await startEmulator({ port: 0, statePath: join(dir, 'state.json'), env: {} }));
  });

  test('IP addresses encode to 4 or 16 bytes, IPv6 shorthand and IPv4 tails included', () => {
    expect(ipBytes('127.0.0.1').toString('hex')).toBe('7f000001');
    expect(ipBytes('::1').toString('hex')).toBe('00000000000000000000000000000001');
    expect(ipBytes('[fe80::1:2]').toString('hex')).toBe('fe800000000000000000000000010002');
    expect(ipBytes('::ffff:127.0.0.1').toString('hex')).toBe('00000000000000000000ffff7f000001');
    expect(() => ipBytes('localhost')).toThrow(RangeError);
  });
});

describe('kmsctl emulator --tls', () => {
  function context() {
    const controller = new AbortController();
    const out: string[] = [];
    let notify: (() => void) | undefined;
    const ctx: CommandContext = {
      stdout: { write: (text) => { out.push(text); notify?.(); }, isTTY: false },
      stderr: { write: () => undefined, isTTY: false },
      env: {},
      cwd: process.cwd(),
      prompt: undefined,
      signal: controller.signal,
      debug: false,
    };
    const printed = new Promise<string>((resolve) => {
      notify = () => {
        if (out.join('').includes('Press Ctrl+C')) resolve(out.join(''));
      };
    });
    return { ctx, controller, printed };
  }

  test('the first line names the https URL, and the banner the certificate and the STS endpoint', async () => {
    const dir = tempDir();
    const { ctx, controller, printed } = context();
    const running = emulatorCommand.run({ tls: true, 'tls-cert-out': join(dir, 'cert.pem') }, [], ctx);
    const text = await printed;
    expect(text).toMatch(/^KMS emulator listening on https:\/\/127\.0\.0\.1:\d+\n/);
    expect(text).toContain(`TLS certificate: ${join(dir, 'cert.pem')} (trust it with NODE_EXTRA_CA_CERTS=${join(dir, 'cert.pem')})`);
    expect(text).toMatch(/STS \(2015-04-01\): AssumeRole, AssumeRoleWithOIDC and GetCallerIdentity on the same port \(kmsctl --sts-endpoint https:\/\/127\.0\.0\.1:\d+\)/);
    controller.abort();
    expect(await running).toBe(0);
  });

  test('flag mistakes are CLI errors', async () => {
    const { ctx } = context();
    await expect(emulatorCommand.run({ 'tls-cert-out': 'x.pem' }, [], ctx)).rejects.toBeInstanceOf(CliError);
    await expect(emulatorCommand.run({ 'sts-max-duration': '0' }, [], ctx)).rejects.toMatchObject({ code: 'cli.bad-flag-value' });
    await expect(emulatorCommand.run({ 'oidc-token-file': join(tempDir(), 'none') }, [], ctx)).rejects.toMatchObject({ code: 'cli.bad-flag-value' });
  });
});
