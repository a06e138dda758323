/** The undici transport's own handling of an exchange (body, headers, time-out, aborts), against a real node:http server. */
import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { Pool as UndiciPool } from 'undici';
import { HttpFailure, Pool, UndiciTransport, type HttpRequest } from '../../src/kms/http-transport.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server | undefined;
let transport: UndiciTransport | undefined;
let seen = 0;

afterEach(async () => {
  await transport?.close();
  server?.closeAllConnections();
  if (server) await new Promise((resolve) => server!.close(resolve));
  server = undefined;
  transport = undefined;
  seen = 0;
});

async function serve(handler: Handler): Promise<string> {
  server = createServer((req, res) => {
    seen += 1;
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function request(origin: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  return { origin, path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeKey', headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<HttpFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('an exchange with the undici transport', () => {
  test('the status, lower-cased headers (repeats joined by a comma) and the whole body come back', async () => {
    const origin = await serve((_req, res) => {
      res.statusCode = 409;
      res.setHeader('X-Repeated', ['a', 'b']);
      res.setHeader('Content-Type', 'application/json');
      // A multi-byte character split across two chunks.
      const bytes = Buffer.from('{"Message":"密钥"}');
      res.write(bytes.subarray(0, 13));
      setTimeout(() => res.end(bytes.subarray(13)), 20);
    });
    transport = new UndiciTransport();
    const response = await transport.send(request(origin));
    expect(response.status).toBe(409);
    expect(response.headers['x-repeated']).toBe('a, b');
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body).toBe('{"Message":"密钥"}');
  });

  test('an attempt past its time-out fails as aborted, and the next one is served', async () => {
    let hang = true;
    const origin = await serve((_req, res) => {
      if (!hang) res.end('{}');
    });
    transport = new UndiciTransport();
    expect(await failure(transport.send(request(origin, { timeoutMs: 100 })))).toMatchObject({ kind: 'aborted' });
    hang = false;
    expect((await transport.send(request(origin, { timeoutMs: 5_000 }))).body).toBe('{}');
  });

  test('the signal stops an answer whose body is still arriving', async () => {
    const origin = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":');
    });
    transport = new UndiciTransport();
    const controller = new AbortController();
    const sending = failure(transport.send(request(origin, { signal: controller.signal })));
    await sleep(100);
    controller.abort(new Error('SIGINT'));
    expect(await sending).toMatchObject({ kind: 'aborted' });
  });

  test('a request aborted while it waits for a connection is never written', async () => {
    let release: () => void = () => undefined;
    const origin = await serve((_req, res) => {
      release = () => res.end('{}');
    });
    transport = new UndiciTransport({ connections: 1 });
    const first = transport.send(request(origin));
    await sleep(50);
    const controller = new AbortController();
    const second = failure(transport.send(request(origin, { signal: controller.signal })));
    controller.abort();
    release();
    expect((await first).body).toBe('{}');
    expect(await second).toMatchObject({ kind: 'aborted' });
    expect(seen).toBe(1);
  });

  test('requests sharing a signal add one abort listener to it, not one each', async () => {
    const origin = await serve((_req, res) => setTimeout(() => res.end('{}'), 50));
    transport = new UndiciTransport();
    const controller = new AbortController();
    const before = getEventListeners(controller.signal, 'abort').length;
    const sends = Array.from({ length: 20 }, () => transport!.send(request(origin, { signal: controller.signal, timeoutMs: 5_000 })));
    expect(getEventListeners(controller.signal, 'abort').length - before).toBe(1);
    await Promise.all(sends);
    expect(getEventListeners(controller.signal, 'abort').length - before).toBe(1);
  });

  test('a body over the cap fails as too-large, and the transport goes on serving', async () => {
    let big = true;
    const origin = await serve((_req, res) => {
      if (!big) return res.end('{}');
      res.write('x'.repeat(800));
      setTimeout(() => res.end('y'.repeat(800)), 20);
    });
    transport = new UndiciTransport({ maxResponseBytes: 1024 });
    expect(await failure(transport.send(request(origin)))).toMatchObject({ kind: 'too-large', code: 'RESPONSE_TOO_LARGE' });
    big = false;
    expect((await transport.send(request(origin))).body).toBe('{}');
  });

  test('an already aborted signal sends nothing', async () => {
    const origin = await serve((_req, res) => res.end('{}'));
    transport = new UndiciTransport();
    const controller = new AbortController();
    controller.abort();
    expect(await failure(transport.send(request(origin, { signal: controller.signal })))).toMatchObject({ kind: 'aborted' });
    expect(seen).toBe(0);
  });
});

describe('the Pool the transport uses', () => {
  test('is the class undici exports from its public entry point', () => {
    expect(Pool).toBe(UndiciPool);
  });
});
