import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CliError } from '../../src/cli/cli-error.js';
import type { CommandContext } from '../../src/cli/command.js';
import { emulatorCommand } from '../../src/cli/commands/emulator.js';
import { ACTION_NAMES } from '../../src/emulator/actions/index.js';
import { FaultConfigError, FaultInjector, loadFaultsFile, parseFaultConfig } from '../../src/emulator/faults/index.js';
import { mulberry32 } from '../../src/emulator/faults/prng.js';
import { startEmulator } from '../../src/emulator/index.js';
import { DAY_MS, createKey, expectError, startTest, tempDir, track } from './helpers.js';
import { TestKms } from './signed-client.js';

async function admin(url: string, method: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/_emulator/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function stats(url: string): Promise<any> {
  return (await fetch(`${url}/_emulator/stats`)).json();
}

async function rotatableKey(kms: Awaited<ReturnType<typeof startTest>>['kms'], emulator: Awaited<ReturnType<typeof startTest>>['emulator']): Promise<string> {
  const key = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN/VERIFY' });
  emulator.clock.advance(8 * DAY_MS);
  return key.KeyId as string;
}

async function versionCount(kms: Awaited<ReturnType<typeof startTest>>['kms'], keyId: string): Promise<number> {
  return (await kms.ok('ListKeyVersions', { KeyId: keyId })).TotalCount as number;
}

describe('fault injection: effects', () => {
  test('an error rule answers in the service error shape with the given status and code, and does no work', async () => {
    const { emulator, kms } = await startTest();
    const keyId = await rotatableKey(kms, emulator);
    expect((await admin(emulator.url, 'POST', { seed: 1, rules: [{ action: 'CreateKeyVersion', effect: 'error', status: 503, code: 'ServiceUnavailableTemporary' }] })).status).toBe(200);
    expectError(await kms.call('CreateKeyVersion', { KeyId: keyId }), 'ServiceUnavailableTemporary', 503);
    expect(await versionCount(kms, keyId)).toBe(1);
  });

  test('an error rule may carry its own message, and answers in XML when XML was asked for', async () => {
    const { emulator, kms } = await startTest();
    emulator.faults.configure({ rules: [{ action: 'ListKeys', effect: 'error', status: 400, code: 'Throttling', message: 'slow down' }] });
    const response = await kms.call('ListKeys', {}, { format: 'XML' });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/<Error><RequestId>[0-9A-F-]{36}<\/RequestId>.*<Code>Throttling<\/Code><Message>slow down<\/Message>/s);
  });

  test('a delay rule serves the request after the delay', async () => {
    const { emulator, kms } = await startTest();
    emulator.faults.configure({ rules: [{ action: 'ListKeys', effect: 'delay', ms: 150 }] });
    const started = Date.now();
    await kms.ok('ListKeys');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('a reset rule closes the connection before any work', async () => {
    const { emulator, kms } = await startTest();
    const keyId = await rotatableKey(kms, emulator);
    emulator.faults.configure({ rules: [{ action: 'CreateKeyVersion', effect: 'reset' }] });
    await expect(kms.call('CreateKeyVersion', { KeyId: keyId })).rejects.toThrow();
    emulator.faults.clear();
    expect(await versionCount(kms, keyId)).toBe(1);
  });

  test('a drop-after-commit rule does the work, then closes the connection without an answer', async () => {
    const { emulator, kms } = await startTest();
    const keyId = await rotatableKey(kms, emulator);
    emulator.faults.configure({ rules: [{ action: 'CreateKeyVersion', effect: 'drop-after-commit', count: 1 }] });
    await expect(kms.call('CreateKeyVersion', { KeyId: keyId })).rejects.toThrow();
    expect(await versionCount(kms, keyId)).toBe(2);
  });

  test('a drop-after-commit on a state file persists the work before the connection is dropped', async () => {
    const state = join(tempDir(), 'state.json');
    const { emulator, kms } = await startTest({ statePath: state });
    const keyId = await rotatableKey(kms, emulator);
    emulator.faults.configure({ rules: [{ action: 'CreateKeyVersion', effect: 'drop-after-commit' }] });
    await expect(kms.call('CreateKeyVersion', { KeyId: keyId })).rejects.toThrow();
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    expect(saved.keys.find((k: { keyId: string }) => k.keyId === keyId).versions).toHaveLength(2);
  });
});

describe('fault injection: matching and counting', () => {
  test('count hits exactly the next N matching requests, and stats report the faults fired per rule', async () => {
    const { emulator, kms } = await startTest();
    await admin(emulator.url, 'POST', { rules: [{ action: 'ListKeys', count: 2, effect: 'error', status: 500, code: 'InternalFailure' }] });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await kms.call('ListKeys')).status);
    await kms.ok('ListAliases');
    expect(statuses).toEqual([500, 500, 200, 200]);
    const body = await stats(emulator.url);
    expect(body).toMatchObject({ total: 5, actions: { ListKeys: 4, ListAliases: 1 }, errorCodes: { InternalFailure: 2 } });
    expect(body.faults).toEqual({ seed: 0, fired: 2, rules: [{ rule: 0, action: 'ListKeys', effect: 'error', matched: 2, fired: 2 }] });
  });

  test('a key matches the KeyId as sent or the key ID an alias resolves to, and nothing else', async () => {
    const { emulator, kms } = await startTest();
    const a = (await createKey(kms)).KeyId as string;
    const b = (await createKey(kms)).KeyId as string;
    await kms.ok('CreateAlias', { KeyId: a, AliasName: 'alias/a' });
    emulator.faults.configure({ rules: [{ action: 'DescribeKey', key: a, effect: 'error', status: 500, code: 'InternalFailure' }] });
    expect((await kms.call('DescribeKey', { KeyId: a })).status).toBe(500);
    expect((await kms.call('DescribeKey', { KeyId: 'alias/a' })).status).toBe(500);
    expect((await kms.call('DescribeKey', { KeyId: b })).status).toBe(200);
    emulator.faults.configure({ rules: [{ action: '*', key: 'alias/a', effect: 'error', status: 500, code: 'InternalFailure' }] });
    expect((await kms.call('ListKeyVersions', { KeyId: 'alias/a' })).status).toBe(500);
    expect((await kms.call('ListKeyVersions', { KeyId: a })).status).toBe(200);
  });

  test('rules are tried in order: the first that fires wins', async () => {
    const { emulator, kms } = await startTest();
    emulator.faults.configure({
      rules: [
        { action: 'ListKeys', count: 1, effect: 'error', status: 503, code: 'ServiceUnavailableTemporary' },
        { action: '*', effect: 'error', status: 500, code: 'InternalFailure' },
      ],
    });
    expect((await kms.call('ListKeys')).status).toBe(503);
    expect((await kms.call('ListKeys')).status).toBe(500);
    expect(emulator.faults.snapshot().rules.map((r) => r.fired)).toEqual([1, 1]);
  });

  test('DELETE removes every rule', async () => {
    const { emulator, kms } = await startTest();
    await admin(emulator.url, 'POST', { rules: [{ action: '*', effect: 'error', status: 500, code: 'InternalFailure' }] });
    expect((await kms.call('ListKeys')).status).toBe(500);
    expect(await admin(emulator.url, 'DELETE')).toEqual({ status: 200, body: { seed: null, fired: 0, rules: [] } });
    await kms.ok('ListKeys');
  });

  test('the same seed gives the same decisions for the same requests, another seed others', () => {
    const requests = Array.from({ length: 400 }, (_, i) => ({ action: i % 3 === 0 ? 'CreateKeyVersion' : 'DescribeKey', keyId: `key-${i % 7}` }));
    const config = {
      rules: [
        { action: 'CreateKeyVersion', probability: 0.3, effect: 'drop-after-commit' },
        { action: '*', probability: 0.2, effect: 'reset' },
        { action: 'DescribeKey', key: 'key-3', probability: 0.5, effect: 'delay', ms: 1 },
      ],
    };
    const run = (seed: number) => {
      const faults = new FaultInjector();
      faults.configure({ seed, ...config });
      return requests.map((request) => faults.decide(request)?.index ?? -1);
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    const fired = run(7).filter((index) => index >= 0).length;
    expect(fired).toBeGreaterThan(60);
    expect(fired).toBeLessThan(200);
  });

  test('probability 0 never fires and probability 1 always does', () => {
    const faults = new FaultInjector();
    faults.configure({ rules: [{ action: 'ListKeys', probability: 0, effect: 'reset' }, { action: 'ListKeys', probability: 1, effect: 'delay', ms: 1 }] });
    for (let i = 0; i < 50; i++) expect(faults.decide({ action: 'ListKeys' })?.index).toBe(1);
  });

  test('mulberry32 draws the same numbers as the published reference implementation', () => {
    // The widely copied reference (bryc/code, PRNGs.md), as written there.
    function reference(a: number): () => number {
      return function () {
        let t = (a += 0x6d2b79f5);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    for (const seed of [0, 1, 42, 2 ** 31, 2 ** 32 - 1]) {
      const ours = mulberry32(seed);
      const theirs = reference(seed);
      for (let i = 0; i < 1000; i++) expect(ours()).toBe(theirs());
    }
  });
});

describe('fault injection: bad rules', () => {
  test.each([
    ['a probability over 1', { rules: [{ action: 'ListKeys', probability: 2, effect: 'reset' }] }, 'rules[0].probability'],
    ['an unknown effect', { rules: [{ action: 'ListKeys', effect: 'explode' }] }, 'rules[0].effect'],
    ['an unknown action', { rules: [{ action: 'CreateKeyVersoin', effect: 'reset' }] }, 'rules[0].action'],
    ['an error without a status', { rules: [{ action: '*', effect: 'error', code: 'InternalFailure' }] }, 'rules[0].status'],
    ['a status out of range', { rules: [{ action: '*', effect: 'error', status: 200, code: 'X' }] }, 'rules[0].status'],
    ['a delay without ms', { rules: [{ action: '*', effect: 'delay' }] }, 'rules[0].ms'],
    ['ms on a reset', { rules: [{ action: '*', effect: 'reset', ms: 5 }] }, 'rules[0].ms'],
    ['a count of 0', { rules: [{ action: '*', effect: 'reset', count: 0 }] }, 'rules[0].count'],
    ['an unknown rule field', { rules: [{ action: '*', effect: 'reset', when: 'always' }] }, 'rules[0].when'],
    ['no rules', { seed: 1 }, 'rules'],
    ['a negative seed', { seed: -1, rules: [] }, 'seed'],
  ])('%s is a 400 naming the field', async (_name, body, field) => {
    const { emulator } = await startTest();
    const answer = await admin(emulator.url, 'POST', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ Code: 'InvalidParameter', RequestId: expect.any(String) });
    expect(answer.body.Message).toContain(field);
    expect(() => parseFaultConfig(body)).toThrow(FaultConfigError);
  });

  test('an unknown action gets a did-you-mean', () => {
    expect(() => parseFaultConfig({ rules: [{ action: 'CreateKeyVersoin', effect: 'reset' }] })).toThrow(/did you mean "CreateKeyVersion"/);
  });

  test('a body that is not JSON is a 400, a wrong method a 405, and the rules in place stay', async () => {
    const { emulator, kms } = await startTest();
    emulator.faults.configure({ rules: [{ action: 'ListKeys', effect: 'error', status: 500, code: 'InternalFailure' }] });
    expect((await admin(emulator.url, 'POST', '{"rules": [')).status).toBe(400);
    expect((await admin(emulator.url, 'PUT', {})).status).toBe(405);
    expect((await kms.call('ListKeys')).status).toBe(500);
  });

  test('the schema lists exactly the served actions', () => {
    const schema = JSON.parse(readFileSync('schemas/faults.schema.json', 'utf8'));
    expect(schema.definitions.rule.properties.action.enum).toEqual(['*', ...ACTION_NAMES]);
  });
});

describe('fault injection from the start', () => {
  test('a YAML faults file is installed at start', async () => {
    const file = join(tempDir(), 'faults.yaml');
    writeFileSync(file, 'seed: 3\nrules:\n  - action: ListKeys\n    effect: error\n    status: 500\n    code: InternalFailure\n');
    const { emulator, kms } = await startTest({ faults: file });
    expect((await kms.call('ListKeys')).status).toBe(500);
    expect(emulator.faults.snapshot()).toMatchObject({ seed: 3, fired: 1 });
  });

  test('a JSON faults file works too, and the faults option takes rules directly', async () => {
    const file = join(tempDir(), 'faults.json');
    writeFileSync(file, JSON.stringify({ rules: [{ action: 'ListKeys', effect: 'reset' }] }));
    expect(await loadFaultsFile(file)).toEqual({ rules: [{ action: 'ListKeys', effect: 'reset' }] });
    const { kms } = await startTest({ faults: { rules: [{ action: 'ListKeys', effect: 'reset' }] } });
    await expect(kms.call('ListKeys')).rejects.toThrow();
  });

  test('a bad faults file stops the start with an error naming the file and the field, and leaves no lock', async () => {
    const dir = tempDir();
    const file = join(dir, 'faults.yaml');
    writeFileSync(file, 'rules:\n  - action: ListKeys\n    effect: delay\n');
    const state = join(dir, 'state.json');
    const error = await startEmulator({ port: 0, env: {}, faults: file, statePath: state }).then((e) => track(e), (e: unknown) => e);
    expect(error).toBeInstanceOf(FaultConfigError);
    expect((error as Error).message).toContain(file);
    expect((error as FaultConfigError).field).toBe('rules[0].ms');
    track(await startEmulator({ port: 0, env: {}, statePath: state }));
  });

  test('a faults file that is not YAML names its line', async () => {
    const file = join(tempDir(), 'faults.yaml');
    writeFileSync(file, 'rules: [\n  {action: ListKeys\n');
    await expect(loadFaultsFile(file)).rejects.toThrow(/faults file .*faults\.yaml: \d+:\d+: /);
  });
});

describe('kmsctl emulator --faults', () => {
  function context(): { ctx: CommandContext; controller: AbortController; out: string[]; listening: Promise<string> } {
    const controller = new AbortController();
    const out: string[] = [];
    let notify: (() => void) | undefined;
    const listening = new Promise<string>((resolve) => {
      notify = () => {
        const match = /^KMS emulator listening on (http:\/\/\S+)\n/.exec(out.join(''));
        if (match?.[1]) resolve(match[1]);
      };
    });
    const ctx: CommandContext = {
      stdout: { write: (text) => { out.push(text); notify?.(); }, isTTY: false },
      stderr: { write: () => undefined, isTTY: false },
      env: {},
      cwd: tempDir(),
      prompt: undefined,
      signal: controller.signal,
      debug: false,
    };
    return { ctx, controller, out, listening };
  }

  test('installs the rules of the file, says so in the banner, and serves them', async () => {
    const { ctx, controller, out, listening } = context();
    writeFileSync(join(ctx.cwd, 'faults.yaml'), 'seed: 9\nrules:\n  - {action: ListKeys, effect: error, status: 503, code: ServiceUnavailableTemporary}\n');
    const running = emulatorCommand.run({ faults: 'faults.yaml' }, [], ctx);
    const url = await listening;
    expect((await new TestKms(url).call('ListKeys')).status).toBe(503);
    controller.abort();
    expect(await running).toBe(0);
    expect(out.join('')).toContain(`Faults: 1 rule (seed 9); see ${url}/_emulator/faults`);
  });

  test('a bad faults file is a CliError naming the field', async () => {
    const { ctx } = context();
    writeFileSync(join(ctx.cwd, 'faults.json'), '{"rules":[{"action":"*","effect":"error","status":503}]}');
    const error = await emulatorCommand.run({ faults: 'faults.json' }, [], ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code: 'emulator.faults', message: expect.stringContaining('rules[0].code is required') });
  });
});
