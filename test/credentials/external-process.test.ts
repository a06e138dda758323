import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { KmsConfigError } from '../../src/kms/errors.js';
import { ExternalProcessCredentialsProvider } from '../../src/kms/external-process-credentials.js';
import { tempDir } from '../emulator/helpers.js';

const SECRET = 'Sup3rSecretValueThatMustNotLeak0123';

/** A process_command running a node script with `source`; `node` is found by its absolute path. */
function command(source: string): string {
  const script = join(tempDir(), 'credential-helper.mjs');
  writeFileSync(script, source);
  return `"${process.execPath}" "${script}"`;
}

function provider(source: string, options: { timeoutMs?: number; env?: Record<string, string>; now?: () => number } = {}): ExternalProcessCredentialsProvider {
  return new ExternalProcessCredentialsProvider({ command: command(source), env: options.env ?? {}, timeoutMs: options.timeoutMs, label: 'profile "ext"', now: options.now });
}

async function failure(p: ExternalProcessCredentialsProvider): Promise<KmsConfigError> {
  const error = await p.getCredentials().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KmsConfigError);
  return error as KmsConfigError;
}

describe('External profiles: the process_command run by kmsctl', () => {
  test('runs with the environment kmsctl was given, not process.env', async () => {
    const p = provider(`process.stdout.write(JSON.stringify({ access_key_id: process.env.HELPER_ID ?? 'none', access_key_secret: 's3cr3t-value' }));`, { env: { HELPER_ID: 'from-injected-env' } });
    expect(await p.getCredentials()).toMatchObject({ accessKeyId: 'from-injected-env', accessKeySecret: 's3cr3t-value', securityToken: '' });
  });

  test('reuses credentials until 3 minutes before their expiration, then runs the command again', async () => {
    let clock = Date.parse('2026-01-10T08:00:00Z');
    const counter = join(tempDir(), 'runs');
    writeFileSync(counter, '0');
    const p = provider(
      `import { readFileSync, writeFileSync } from 'node:fs';
       const runs = Number(readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
       writeFileSync(${JSON.stringify(counter)}, String(runs));
       process.stdout.write(JSON.stringify({ mode: 'StsToken', access_key_id: 'STS.run' + runs, access_key_secret: 'secret', sts_token: 'token', expiration: '2026-01-10T09:00:00Z' }));`,
      { now: () => clock },
    );
    expect((await p.getCredentials()).accessKeyId).toBe('STS.run1');
    clock = Date.parse('2026-01-10T08:56:00Z');
    expect((await p.getCredentials()).accessKeyId).toBe('STS.run1');
    clock = Date.parse('2026-01-10T08:57:30Z');
    expect((await p.getCredentials()).accessKeyId).toBe('STS.run2');
  });

  test('a command that does not finish in time is stopped and reported', async () => {
    const started = Date.now();
    const error = await failure(provider('setTimeout(() => {}, 30_000);', { timeoutMs: 300 }));
    expect(error.code).toBe('credentials.external-failed');
    expect(error.message).toMatch(/did not finish within 0\.3s/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a failing command is reported by its exit code and how to run it by hand, never by its output', async () => {
    const error = await failure(
      provider(`process.stdout.write(JSON.stringify({ access_key_id: 'id', access_key_secret: ${JSON.stringify(SECRET)} })); console.error('login expired; token ' + ${JSON.stringify(SECRET)}); process.exit(3);`),
    );
    expect(error.message).toContain('exited with code 3');
    expect(error.message).toContain('run the process_command by hand');
    expect(error.message).not.toContain('login expired');
    expect(error.message).not.toContain(SECRET);
  });

  // Each of these leaked (in part) through the earlier filter of stderr, which kept short runs and punctuation.
  test.each([
    ['an STS token split by /', 'CAIS/Ew7Kq9Yx2bLmN+pQ4rT/cbcW/BY4lYxxZORl4Knmqm', ['CAIS', 'Ew7Kq9', 'cbcW', 'BY4lYxxZORl4Knmqm']],
    ['a password with punctuation', 'Sup3r$ecret!pw', ['Sup3r', '$ecret', '!pw']],
    ['a short secret', 'hunter2', ['hunter2']],
  ])('no fragment of %s on stderr reaches the message', async (_name, secret, fragments) => {
    const error = await failure(provider(`console.error('denied: ' + ${JSON.stringify(secret)} + ' {"mode":"' + ${JSON.stringify(secret)} + '"}'); process.exit(1);`));
    for (const fragment of fragments) expect(error.message).not.toContain(fragment);
    expect(error.message).not.toContain('denied');
  });

  test('an unexpected mode is reported without its value', async () => {
    const error = await failure(provider(`process.stdout.write(JSON.stringify({ mode: ${JSON.stringify(SECRET)}, access_key_id: 'id', access_key_secret: 's' }));`));
    expect(error.message).toContain('"mode" other than');
    expect(error.message).not.toContain(SECRET.slice(0, 8));
  });

  test('output that is not JSON is not echoed (JSON.parse would quote the secret)', async () => {
    const error = await failure(provider(`process.stdout.write('{"access_key_secret": ' + ${JSON.stringify(SECRET)} + '}');`));
    expect(error.message).toMatch(/printed no JSON document \(\d+ bytes on stdout\); its output is not shown/);
    expect(error.message).not.toContain(SECRET);
  });

  test('missing fields are named, values are not', async () => {
    const sts = await failure(provider(`process.stdout.write(JSON.stringify({ mode: 'StsToken', access_key_id: 'id', access_key_secret: ${JSON.stringify(SECRET)} }));`));
    expect(sts.message).toContain('printed no sts_token (mode StsToken)');
    expect(sts.message).not.toContain(SECRET);
    const empty = await failure(provider(`process.stdout.write('{}');`));
    expect(empty.message).toContain('access_key_id, access_key_secret');
  });

  test('a program that does not exist, and a command line that cannot be split, are reported', async () => {
    const missing = new ExternalProcessCredentialsProvider({ command: '/nonexistent/credential-helper --json', env: {}, label: 'profile "ext"' });
    expect((await failure(missing)).message).toContain('"/nonexistent/credential-helper" was not found');
    const unclosed = new ExternalProcessCredentialsProvider({ command: 'helper "unclosed', env: {}, label: 'profile "ext"' });
    expect((await failure(unclosed)).message).toContain('cannot be parsed');
  });
});
