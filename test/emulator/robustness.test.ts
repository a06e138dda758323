import { connect } from 'node:net';
import { describe, expect, test } from 'vitest';
import { abandonRequestMidBody, expectError, startTest } from './helpers.js';
import { send } from './signed-client.js';

/** Sends raw bytes and returns the raw answer. */
function rawExchange(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('malformed requests', () => {
  test.each([
    ['a bad percent-encoding in the query', '/?Action=ListKeys&Format=json&Bad=%zz'],
    ['invalid UTF-8 in the query', '/?Action=ListKeys&Format=json&Bad=%ff%fe'],
    ['a repeated parameter', '/?Action=ListKeys&Format=json&Action=ListKeys'],
  ])('%s is InvalidParameter in the service shape, and the server keeps serving', async (_name, path) => {
    const { emulator, kms } = await startTest();
    expectError(await send(emulator.url, 'GET', path, {}), 'InvalidParameter', 400);
    await kms.ok('ListKeys');
  });

  test('invalid UTF-8 in a form body is InvalidParameter', async () => {
    const { emulator } = await startTest();
    const body = Buffer.concat([Buffer.from('Action=ListKeys&Description='), Buffer.from([0xc3, 0x28])]);
    expectError(await send(emulator.url, 'POST', '/?Format=JSON', { 'content-type': 'application/x-www-form-urlencoded' }, body), 'InvalidParameter', 400);
  });

  test('a parameter both in the query and in the form is InvalidParameter', async () => {
    const { emulator } = await startTest();
    const response = await send(emulator.url, 'POST', '/?Format=JSON&Action=ListKeys', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=ListKeys');
    expectError(response, 'InvalidParameter', 400);
  });

  test('a JSON body is InvalidParameter (RPC parameters are form-encoded)', async () => {
    const { emulator } = await startTest();
    expectError(await send(emulator.url, 'POST', '/?Format=JSON', { 'content-type': 'application/json' }, '{"Action":"ListKeys"}'), 'InvalidParameter', 400);
  });

  test('a body over 1 MiB is refused with 413 in the service shape, and the server keeps serving', async () => {
    const { emulator, kms } = await startTest();
    const response = await send(emulator.url, 'POST', '/?Format=JSON', { 'content-type': 'application/x-www-form-urlencoded' }, `Description=${'a'.repeat(1024 * 1024 + 1)}`);
    expectError(response, 'InvalidParameter', 413);
    await kms.ok('ListKeys');
  });

  test.each(['PUT', 'DELETE', 'PATCH'])('the %s method is refused with 405 in the service shape', async (method) => {
    const { emulator } = await startTest();
    const response = await send(emulator.url, method, '/?Format=JSON', {});
    expectError(response, 'InvalidParameter', 405);
    expect(response.headers['allow']).toBe('GET, POST');
  });

  test('a path other than / is InvalidAction.NotFound (404)', async () => {
    const { emulator } = await startTest();
    expectError(await send(emulator.url, 'GET', '/v1/keys?Format=JSON', {}), 'InvalidAction.NotFound', 404);
  });

  test('a request without any parameter is IncompleteSignature in XML', async () => {
    const { emulator } = await startTest();
    const response = await send(emulator.url, 'GET', '/', {});
    expect(response.status).toBe(400);
    expect(response.text).toContain('<Code>IncompleteSignature</Code>');
  });

  test('an HTTP request node cannot parse is answered in the service error shape, and the server keeps serving', async () => {
    const { emulator, kms } = await startTest();
    const answer = await rawExchange(emulator.port, 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('<Code>InvalidParameter</Code>');
    await kms.ok('ListKeys');
  });

  test('a client that disconnects mid-body does not stop the server', async () => {
    const { emulator, kms } = await startTest();
    await abandonRequestMidBody(emulator.port);
    await kms.ok('ListKeys');
  });
});
