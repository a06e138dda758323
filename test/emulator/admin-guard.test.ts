import { describe, expect, test } from 'vitest';
import { startTest } from './helpers.js';
import { send } from './signed-client.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const T0_SHOWN = '2026-01-10T08:00:00.000Z';

describe('the admin endpoints refuse what a web page can send', () => {
  test.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['no content type', {}],
  ])('POST /_emulator/clock as %s is a 415 and leaves the clock alone', async (_name, headers) => {
    const { emulator } = await startTest();
    const response = await send(emulator.url, 'POST', '/_emulator/clock', headers, '{"advance":"7d"}');
    expect({ status: response.status, code: response.body.Code }).toEqual({ status: 415, code: 'UnsupportedMediaType' });
    expect(emulator.clock.now().toISOString()).toBe(T0_SHOWN);
  });

  test('POST and DELETE of /_emulator/faults need JSON too; nothing is installed or removed otherwise', async () => {
    const { emulator } = await startTest();
    const rules = '{"seed":1,"rules":[{"action":"CreateKey","probability":1,"effect":"reset"}]}';
    expect((await send(emulator.url, 'POST', '/_emulator/faults', { 'content-type': 'text/plain' }, rules)).status).toBe(415);
    expect(emulator.faults.snapshot().rules).toHaveLength(0);
    expect((await send(emulator.url, 'POST', '/_emulator/faults', { 'content-type': 'application/json; charset=utf-8' }, rules)).status).toBe(200);
    expect((await send(emulator.url, 'DELETE', '/_emulator/faults', {})).status).toBe(415);
    expect(emulator.faults.snapshot().rules).toHaveLength(1);
    expect((await send(emulator.url, 'DELETE', '/_emulator/faults', JSON_TYPE)).status).toBe(200);
    expect(emulator.faults.snapshot().rules).toHaveLength(0);
  });

  test('POST /_emulator/latency and /_emulator/quota need JSON', async () => {
    const { emulator } = await startTest();
    expect((await send(emulator.url, 'POST', '/_emulator/latency', { 'content-type': 'text/plain' }, '{"latency":"5s"}')).status).toBe(415);
    expect((await send(emulator.url, 'POST', '/_emulator/quota', { 'content-type': 'text/plain' }, '{"qps":1}')).status).toBe(415);
    expect(emulator.traffic.describe()).toMatchObject({ latencyMs: 0, qps: null });
  });

  test.each([
    ['another site', () => 'https://evil.example'],
    ['a sandboxed page (null)', () => 'null'],
    ['a DNS-rebound name on the emulator port', (port: number) => `http://evil.example:${port}`],
    ['loopback on another port', (port: number) => `http://127.0.0.1:${port === 1 ? 2 : port - 1}`],
    ['loopback over https while the emulator speaks http', (port: number) => `https://127.0.0.1:${port}`],
    ['not a URL', () => 'garbage'],
  ])('a request whose Origin is %s is a 403, for every method', async (_name, origin) => {
    const { emulator } = await startTest();
    const headers = { ...JSON_TYPE, origin: origin(emulator.port) };
    const post = await send(emulator.url, 'POST', '/_emulator/clock', headers, '{"advance":"7d"}');
    expect({ status: post.status, code: post.body.Code }).toEqual({ status: 403, code: 'Forbidden' });
    expect((await send(emulator.url, 'GET', '/_emulator/stats', headers)).status).toBe(403);
    expect((await send(emulator.url, 'DELETE', '/_emulator/faults', headers)).status).toBe(403);
    expect(emulator.clock.now().toISOString()).toBe(T0_SHOWN);
  });

  test.each([
    (port: number) => `http://127.0.0.1:${port}`,
    (port: number) => `http://localhost:${port}`,
    (port: number) => `http://[::1]:${port}`,
  ])('the emulator\'s own origin (%s) is served', async (origin) => {
    const { emulator } = await startTest();
    const response = await send(emulator.url, 'POST', '/_emulator/clock', { ...JSON_TYPE, origin: origin(emulator.port) }, '{"advance":"1d"}');
    expect(response.status).toBe(200);
  });

  test('a GET without Origin or content type is served as before', async () => {
    const { emulator } = await startTest();
    expect((await send(emulator.url, 'GET', '/_emulator/clock', {})).status).toBe(200);
  });
});
