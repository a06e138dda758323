/**
 * Where a command's config comes from: `-f -` (standard input), kmsctl.yml when there is no kmsctl.yaml,
 * and a count of errors that stays true beyond the diagnostics shown. Commands that write the config
 * refuse one read from standard input before any call to KMS.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { capturedContext } from './captured-context.js';

/** Nothing listens there: a command that reached KMS would fail with a transport error instead. */
const NO_KMS = { KMSCTL_ENDPOINT: 'http://127.0.0.1:9', ALIBABA_CLOUD_ACCESS_KEY_ID: 'id-input', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret', KMSCTL_QUOTAS: 'unlimited' };
const CONFIG = 'version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n  one:\n    keyId: alias/one\n    rotation:\n      maxAge: 90d\n';

describe('config input', () => {
  let dir: string;
  const cli = async (args: string[], options: { stdin?: string; cwd?: string } = {}) => {
    const ctx = capturedContext({ env: NO_KMS, cwd: options.cwd ?? dir, stdin: options.stdin });
    const code = await runCli(args, ctx);
    return { code, out: ctx.out(), err: ctx.err() };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kmsctl-config-input-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads the config from standard input with -f -, and names it <stdin> in diagnostics', async () => {
    const valid = await cli(['validate', '-f', '-', '--json'], { stdin: CONFIG });
    expect(valid.code, valid.err).toBe(0);
    expect(JSON.parse(valid.out)).toMatchObject({ valid: true, keys: 1 });
    const broken = await cli(['validate', '-f', '-'], { stdin: `${CONFIG}    bogus: 1\n` });
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('<stdin>:9:5');
  });

  it('refuses pin and apply --pin of a config from standard input before any call to KMS', async () => {
    const pin = await cli(['pin', '-f', '-'], { stdin: CONFIG });
    expect(pin.code).toBe(1);
    expect(pin.err).toContain('error[cli.stdin-config-unsupported]');
    const apply = await cli(['apply', '-f', '-', '--pin', '--auto-approve', '--json'], { stdin: CONFIG });
    expect(apply.code).toBe(1);
    expect(JSON.parse(apply.out)).toMatchObject({ error: { code: 'cli.stdin-config-unsupported' } });
  });

  it('finds kmsctl.yml when there is no kmsctl.yaml', async () => {
    const yml = await mkdtemp(join(dir, 'yml-'));
    await writeFile(join(yml, 'kmsctl.yml'), CONFIG);
    const run = await cli(['validate'], { cwd: yml });
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('1 key in 1 file');
  });

  it('counts every error of the config, also those beyond the diagnostics it shows', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `  key-${i}:\n    keyId: alias/k${i}\n    rotation:\n      maxAge: 90d\n    bogus: ${i}\n`).join('');
    await writeFile(join(dir, 'many.yaml'), `version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n${keys}`);
    const run = await cli(['plan', '-f', 'many.yaml', '--json']);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.out) as { error: { code: string; message: string }; diagnostics: unknown[] };
    expect(doc.error.code).toBe('config.invalid');
    expect(doc.error.message).toContain('has 60 errors');
    expect(doc.diagnostics.length).toBeLessThan(60);
  });
});
