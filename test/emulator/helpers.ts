/** Shared set-up for the emulator tests: an emulator on port 0 with a frozen clock, and assertions on error answers. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { TestKms, type ApiResponse, type CallOptions } from './signed-client.js';

/** The emulator clock of most tests: fixed, so no test depends on when it runs. */
export const T0 = '2026-01-10T08:00:00Z';
export const DAY_MS = 86_400_000;

const running: RunningEmulator[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts an emulator (closed after the test) and a signed client for it. */
export async function startTest(options: EmulatorOptions = {}, clientDefaults: CallOptions = {}): Promise<{ emulator: RunningEmulator; kms: TestKms }> {
  const emulator = await startEmulator({ port: 0, now: T0, freezeClock: true, env: {}, ...options });
  running.push(emulator);
  return { emulator, kms: new TestKms(emulator.url, clientDefaults) };
}

/** Registers an emulator started by the test itself for closing. */
export function track(emulator: RunningEmulator): RunningEmulator {
  running.push(emulator);
  return emulator;
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kmsctl-emulator-'));
  tempDirs.push(dir);
  return dir;
}

/** A named pipe no one writes to, in a fresh temporary directory: a plain read of it would block for ever. */
export function fifo(name = 'pipe'): string {
  const path = join(tempDir(), name);
  execFileSync('mkfifo', [path]);
  return path;
}

/**
 * Asserts an error answer (JSON) by code and HTTP status, in one of the service's two bodies: KMS's own
 * (`{HttpStatus, Code, Message, RequestId}`) or the API gateway's (`{RequestId, HostId, Code, Message,
 * Recommend}`). `form` asserts which one.
 */
export function expectError(response: ApiResponse, code: string, status: number, form?: 'kms' | 'gateway'): void {
  expect({ status: response.status, code: response.body?.Code }).toEqual({ status, code });
  const kms = { HttpStatus: status, Code: code, Message: expect.any(String), RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/) };
  const gateway = { RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/), HostId: expect.any(String), Code: code, Message: expect.any(String), Recommend: expect.any(String) };
  const actual = 'HttpStatus' in (response.body ?? {}) ? 'kms' : 'gateway';
  if (form !== undefined) expect(actual).toBe(form);
  expect(response.body).toEqual(actual === 'kms' ? kms : gateway);
}

/** Creates a key and returns its metadata. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createKey(kms: TestKms, params: Record<string, string> = {}, options: CallOptions = {}): Promise<any> {
  return (await kms.ok('CreateKey', params, options)).KeyMetadata;
}

/** Sends the start of a POST whose body never comes in full, then drops the connection. */
export async function abandonRequestMidBody(port: number): Promise<void> {
  const { connect } = await import('node:net');
  await new Promise<void>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nAction=');
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 20);
    });
  });
}
