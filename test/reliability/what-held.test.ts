/**
 * What held when kmsctl and its emulator were attacked from outside, kept as tests where no other test
 * shows it: hostile files for the CLI (a symbolic link where --out writes, an oversized plan file,
 * thousands of config files, binary and UTF-16 configs), and the emulator as a network server
 * (oversized headers, pipelined requests, a thousand idle connections, a flood of malformed requests
 * that leaves its tables as they were, a signature replayed for another action).
 */
import { lstatSync, readFileSync, symlinkSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeParams, send, TestKms } from '../emulator/signed-client.js';
import { reliabilityConfig, startReliabilityWorld, STACK_TRACE, type ReliabilityWorld } from './harness.js';

let world: ReliabilityWorld;
beforeAll(async () => {
  world = await startReliabilityWorld(2);
  writeFileSync(join(world.dir, 'kmsctl.yaml'), reliabilityConfig(2));
});
afterAll(async () => {
  await world?.close();
});

describe('hostile files for the CLI', () => {
  test('plan --out onto a symbolic link replaces the link with the plan and leaves the file it pointed to alone', async () => {
    const victim = join(world.dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(world.dir, 'out.plan'));
    const run = await world.cli(['plan', '--out', 'out.plan']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(join(world.dir, 'out.plan')).isFile()).toBe(true);
  });

  test('a plan file over the size a plan may have is refused without being read', async () => {
    const big = join(world.dir, 'big.plan');
    writeFileSync(big, '');
    truncateSync(big, 300 * 1024 * 1024); // sparse: no disk, no time
    const run = await world.cli(['apply', 'big.plan', '--auto-approve']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/error\[plan-file\.[a-z-]+\]/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  test('a directory of 1,000 config files is read whole, every file and every key of it', async () => {
    const dir = join(world.dir, 'many');
    mkdirSync(dir);
    for (let i = 0; i < 1000; i += 1) writeFileSync(join(dir, `k${String(i).padStart(4, '0')}.yaml`), `version: 1\nkeys:\n  k${i}:\n    keyId: key-many${i}\n    region: cn-hangzhou\n    rotation: { maxAge: 90d }\n`);
    writeFileSync(join(dir, 'k0999.yaml'), 'version: 1\nkeys:\n  k999:\n    keyId: key-many999\n    region: cn-hangzhou\n');
    const run = await world.cli(['validate', '-f', 'many']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('many/k0999.yaml:3:3');
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  test.each([
    ['binary bytes', Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x00, 0x80, 0x81])],
    ['UTF-16 text', Buffer.from(`\ufeff${reliabilityConfig(1)}`, 'utf16le')],
  ])('a config file of %s is a diagnostic, exit 1, no stack trace', async (_name, bytes) => {
    writeFileSync(join(world.dir, 'odd.yaml'), bytes);
    const run = await world.cli(['validate', '-f', 'odd.yaml']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/error\[config\.[a-z-.]+\]/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).not.toContain('\u001b[2J');
  });
});

/** Raw bytes to the emulator; resolves with all it answered once it closes the connection (or after `waitMs`). */
function rawExchange(port: number, data: string, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(data));
    const chunks: Buffer[] = [];
    const done = (): void => resolve(Buffer.concat(chunks).toString('latin1'));
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      done();
    });
    socket.on('error', () => undefined);
  });
}

describe('the emulator as a network server', () => {
  test('headers over the limit are a 431 in the service error shape, and the server keeps serving', async () => {
    const answer = await rawExchange(world.emulator.port, `GET /?Action=ListKeys HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('<Code>InvalidParameter</Code>');
    expect((await new TestKms(world.emulator.url).call('ListKeys')).status).toBe(200);
  });

  test('pipelined requests on one connection are each answered, in order', async () => {
    const one = (action: string) => `GET /?${encodeParams({ Action: action, Format: 'JSON' })} HTTP/1.1\r\nHost: x\r\n\r\n`;
    const answer = await rawExchange(world.emulator.port, `${one('First')}${one('Second')}${one('Third').replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n')}`);
    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
    expect(statuses).toEqual(['400', '400', '400']);
    expect(answer.split('"Code":"IncompleteSignature"').length - 1).toBe(3);
  });

  test('a thousand idle connections do not keep a signed request from being served', async () => {
    const sockets: Socket[] = [];
    try {
      await Promise.all(
        Array.from({ length: 1000 }, () => new Promise<void>((resolve) => {
          const socket = connect(world.emulator.port, '127.0.0.1', () => resolve());
          socket.on('error', () => resolve());
          sockets.push(socket);
        })),
      );
      expect((await new TestKms(world.emulator.url).call('ListKeys')).status).toBe(200);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });

  test('a flood of malformed requests with ever new actions, keys and nonces leaves the emulator\'s tables as they were', async () => {
    const before = world.emulator.stats();
    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const n = batch * 50 + i;
          const params = { Action: `Flood${n}`, AccessKeyId: `LTAI-flood-${n}`, SignatureNonce: `nonce-${n}`, Signature: 'x', Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), Format: 'JSON', Version: '2016-01-20', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', RegionId: `xx-flood-${n}` };
          return send(world.emulator.url, 'GET', `/?${encodeParams(params)}`, {});
        }),
      );
    }
    const after = world.emulator.stats();
    expect(after.total - before.total).toBe(500);
    expect(Object.keys(after.actions).filter((action) => !(action in before.actions) && action !== '(unknown)')).toEqual([]);
    expect(Object.keys(after.errorCodes).length).toBeLessThanOrEqual(Object.keys(before.errorCodes).length + 2);
    expect(after.accounts).toEqual(before.accounts);
    expect((await new TestKms(world.emulator.url).call('ListKeys')).status).toBe(200);
  });

  test('a signature made for one action does not pass for another, nor with the nonce used again', async () => {
    const kms = new TestKms(world.emulator.url);
    const nonce = `reuse-${Date.now()}`;
    const describe = { transport: 'get' as const, nonce, tamper: (p: Record<string, string>) => (p['Action'] = 'ScheduleKeyDeletion') };
    expect((await kms.call('DescribeKey', { KeyId: world.keyIds[0] ?? '' }, describe)).body.Code).toBe('SignatureDoesNotMatch');
    expect((await kms.call('DescribeKey', { KeyId: world.keyIds[0] ?? '' }, { nonce })).status).toBe(200);
    expect((await kms.call('DescribeKey', { KeyId: world.keyIds[0] ?? '' }, { nonce })).body.Code).toBe('SignatureNonceUsed');
  });
});
