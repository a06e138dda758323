/**
 * Guarantee: the emulator shrugs off hostile requests. Malformed requests (bad percent-encoding,
 * invalid UTF-8, duplicated or enormous parameters, wrong methods, garbage) are answered in the
 * service's error shape, never with a 500 or a stack trace; slow clients that dribble bytes are cut
 * off by the request time-out with a 408; and a normal signed request succeeds afterwards.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACTION_NAMES } from '../../src/emulator/actions/index.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { TestKms } from '../emulator/signed-client.js';

const SEED = Number(process.env['KMSCTL_FUZZ_SEED'] ?? 20_260_110);
const RUNS = Number(process.env['KMSCTL_FUZZ_RUNS'] ?? 60);
const REQUEST_TIMEOUT_MS = 800;

interface RawAnswer {
  status: number;
  head: string;
  body: string;
  /** Milliseconds until the server closed the connection. */
  closedAfterMs: number;
}

/** Writes `chunks` (pausing `gapMs` between them) and reads until the server closes the connection. */
function rawExchange(port: number, chunks: (string | Buffer)[], gapMs = 0): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      const text = Buffer.concat(received).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body: split < 0 ? '' : text.slice(split + 4), closedAfterMs: Date.now() - started });
    };
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    socket.on('connect', () => {
      let index = 0;
      const writeNext = () => {
        if (socket.destroyed) return;
        if (index >= chunks.length) return;
        socket.write(chunks[index++]!);
        if (gapMs > 0) timer = setTimeout(writeNext, gapMs);
        else writeNext();
      };
      writeNext();
    });
  });
}

/** The service's error shape in XML or JSON, with a request ID, and no stack trace anywhere. */
function expectServiceError(answer: RawAnswer, method: string): void {
  expect(answer.status, answer.head).toBeGreaterThanOrEqual(400);
  expect(answer.status, answer.head).toBeLessThan(500);
  expect(`${answer.head}\n${answer.body}`).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
  if (method === 'HEAD') return;
  if (answer.body.startsWith('{')) {
    expect(JSON.parse(answer.body)).toMatchObject({ RequestId: expect.any(String), Code: expect.any(String), Message: expect.any(String) });
  } else {
    expect(answer.body).toMatch(/<Error><RequestId>[0-9A-F-]{36}<\/RequestId><HostId>.*<\/HostId><Code>[A-Za-z.]+<\/Code><Message>/s);
  }
}

/** A percent-encoded text with every kind of damage a client can do. */
const component = fc.oneof(
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.constantFrom('%', '%z', '%zz', '%f', '%ff%fe', '%c3%28', '%ed%a0%80', '%00', '%E2%82', '+', '%2', '%%', '&', '=', '==', 'Action', 'Format', 'Signature', 'KeyId', ''),
  fc.string({ unit: 'binary', maxLength: 10 }).map((s) => Buffer.from(s, 'utf8').toString('latin1')),
);
const query = fc.array(fc.tuple(component, component), { maxLength: 8 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE');

describe('hostile requests to the emulator', () => {
  let emulator: RunningEmulator;
  let kms: TestKms;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, env: {}, requestTimeoutMs: REQUEST_TIMEOUT_MS });
    kms = new TestKms(emulator.url);
  });
  afterAll(() => emulator.close());

  test('random malformed requests get the service error shape, and the server keeps serving', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        fc.constantFrom('/', '/?Format=json&', '/?', '/_x?', 'http://h/?', '*', '/%zz?'),
        query,
        fc.oneof(fc.constant(''), query, fc.string({ unit: 'binary', maxLength: 100 })),
        fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain; charset=latin1', ''),
        async (verb, path, q, body, type) => {
          const payload = Buffer.from(body, 'latin1');
          const head = `${verb} ${path}${q} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${type ? `Content-Type: ${type}\r\n` : ''}Content-Length: ${payload.length}\r\n\r\n`;
          expectServiceError(await rawExchange(emulator.port, [Buffer.from(head, 'latin1'), payload]), verb);
        },
      ),
      { seed: SEED, numRuns: RUNS * 3 },
    );
    await kms.ok('ListKeys');
  });

  test('correctly signed requests with hostile parameters never get a 500', { timeout: 60_000 }, async () => {
    const names = ['KeyId', 'KeyVersionId', 'PageNumber', 'PageSize', 'KeySpec', 'KeyUsage', 'Origin', 'ProtectionLevel', 'DKMSInstanceId', 'Description', 'AliasName', 'PendingWindowInDays', 'EnableAutomaticRotation', 'RotationInterval', 'RegionId'];
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', ' ', '0', '-1', '1e9', '999999999999', 'NaN', '100', '101', 'alias/', 'alias/acs', 'alias/x', `alias/${'a'.repeat(300)}`, 'RSA_2048', 'Aliyun_AES_256', 'EXTERNAL', 'true', 'TRUE', '7d', '0s', '99999999999d', '__proto__', 'constructor', 'cn-hangzhou', 'CN-HANGZHOU', '\u0000', 'é', '😀', 'x'.repeat(5000)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ACTION_NAMES), fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 5 }), fc.constantFrom('get', 'post-form', 'v3-form') as fc.Arbitrary<'get' | 'post-form' | 'v3-form'>, async (action, params, transport) => {
        const response = await kms.call(action, params, { transport });
        expect(response.status, `${action} ${JSON.stringify(params).slice(0, 300)}: ${response.text.slice(0, 300)}`).toBeLessThan(500);
        if (response.status >= 400) expect(response.body).toMatchObject({ RequestId: expect.any(String), Code: expect.any(String) });
      }),
      { seed: SEED, numRuns: RUNS * 4 },
    );
    await kms.ok('ListKeys');
  });

  test.each([
    ['a parameter repeated in the query', `/?Format=JSON&${'KeyId=a&'.repeat(3)}`, ''],
    ['ten thousand parameters', `/?Format=JSON`, Array.from({ length: 10_000 }, (_, i) => `P${i}=${i}`).join('&')],
    ['a 900 KiB parameter', `/?Format=JSON`, `Description=${'x'.repeat(900 * 1024)}`],
    ['a body over the 1 MiB limit', `/?Format=JSON`, `Description=${'x'.repeat(1100 * 1024)}`],
    ['a query string over the header limit', `/?Format=JSON&Description=${'y'.repeat(20_000)}`, ''],
    ['a request line that is not HTTP', 'not a request', ''],
  ])('%s is refused in the service shape', async (_name, target, body) => {
    const head = target.startsWith('/')
      ? `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`
      : `${target}\r\n\r\n`;
    expectServiceError(await rawExchange(emulator.port, [head, body]), 'POST');
    await kms.ok('ListKeys');
  });

  test('an enormous parameter in a signed request is served or refused, never a 500', async () => {
    const response = await kms.call('CreateKey', { Description: 'd'.repeat(200_000) }, { transport: 'post-form' });
    expect(response.status).toBeLessThan(500);
    await kms.ok('ListKeys');
  });

  test('a client that dribbles its headers is cut off with a 408 after the request time-out, while others are served', async () => {
    const head = 'GET /?Action=ListKeys&Format=JSON HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ';
    const slow = rawExchange(emulator.port, [...head.split(''), ...'a'.repeat(200).split('')], 50);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await kms.ok('ListKeys'); // served while the slow client holds its connection
    const answer = await slow;
    expect(answer.status).toBe(408);
    expectServiceError(answer, 'GET');
    expect(answer.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2_000);
  });

  test('a client that dribbles its body is cut off after the request time-out too', async () => {
    const head = 'POST /?Format=JSON HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\n';
    const answer = await rawExchange(emulator.port, [head, ...'Action=ListKeys&Description='.split(''), ...'z'.repeat(400).split('')], 50);
    expect(answer.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2_000);
    if (answer.status !== 0) expectServiceError(answer, 'POST');
    await kms.ok('ListKeys');
  });
});
