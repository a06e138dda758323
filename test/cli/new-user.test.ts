/**
 * What a new user met in the first hour, each as it must be now: typed flags with coded errors,
 * global flags before the command, --chdir, --region that never moves a key naming its region, help
 * texts that agree with the code, follow-up commands that do what they say, masked access key IDs,
 * saved plans that resolve from any directory and refuse every edit, and files kmsctl must not touch.
 */
import { execSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configKeyOrder } from '../../src/config-edit/format-config.js';
import { COMMANDS } from '../../src/cli/command-table.js';
import { runCli } from '../../src/cli/main.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { emulatorEnv } from '../builders/emulator-env.js';
import { capturedContext } from './captured-context.js';

const V1 = '0b6a39d1-0000-4000-8000-00000000e001';
const CONFIG = `version: 1
defaults:
  region: cn-hangzhou
keys:
  signing:
    keyId: alias/nu-signing
    versions:
      - id: ${V1}
      - label: next
  shanghai:
    keyId: alias/nu-shanghai
    region: cn-shanghai
    rotation:
      maxAge: 90d
`;

describe('kmsctl as a new user meets it', () => {
  let emulator: RunningEmulator;
  let dir: string;
  let env: Record<string, string>;
  const cli = async (args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) => {
    const ctx = capturedContext({ env: { ...env, ...options.env }, cwd: options.cwd ?? dir });
    const code = await runCli(args, ctx);
    return { code, out: ctx.out(), err: ctx.err() };
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      freezeClock: true,
      seed: {
        region: 'cn-hangzhou',
        keys: [
          { id: 'key-nu-signing-000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/nu-signing'], versions: [{ id: V1 }] },
          { id: 'key-nu-drift-00000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/nu-drift'], versions: [{ id: '0b6a39d1-0000-4000-8000-00000000e101' }, { id: '0b6a39d1-0000-4000-8000-00000000e102', creationDate: '-20d' }] },
        ],
      },
    });
    dir = await mkdtemp(join(tmpdir(), 'kmsctl-new-user-'));
    await writeFile(join(dir, 'kmsctl.yaml'), CONFIG);
    env = emulatorEnv(emulator);
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a flag without its value is a coded error, not a message of Node.js', async () => {
    const run = await cli(['plan', '-f']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('error[cli.missing-flag-value]: -f/--file needs a value');
    expect(run.err).not.toContain("Option '-f");
  });

  it('a bad --parallelism is one coded error quoting the value, whatever the command', async () => {
    for (const command of ['plan', 'apply', 'show', 'pin', 'doctor']) {
      const run = await cli([command, '--parallelism', 'many']);
      expect(run.code, command).toBe(1);
      expect(run.err, command).toContain('error[cli.bad-flag-value]: --parallelism takes a whole number from 1 to 256, got "many"');
    }
  });

  it('suggests the closest command and flag', async () => {
    expect((await cli(['plna'])).err).toMatch(/error\[cli\.unknown-command\].*\n.*did you mean "plan"/);
    expect((await cli(['plan', '--detailed-exitcodes'])).err).toContain('did you mean --detailed-exitcode?');
  });

  it('takes global flags before the command, and --chdir runs as if started there', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'kmsctl-elsewhere-'));
    try {
      const run = await cli(['--no-color', '--chdir', dir, 'validate'], { cwd: elsewhere });
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain('The configuration is valid: 2 keys in 1 file.');
      expect((await cli(['--chdir', join(dir, 'nowhere'), 'validate'])).err).toContain('error[cli.bad-directory]');
      const unknown = await cli(['--colour', 'plan']);
      expect(unknown.err).toContain('error[cli.unknown-flag]');
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('without a config file, plan says to pass -f, as fmt does', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'kmsctl-empty-'));
    try {
      for (const command of ['plan', 'validate', 'fmt']) {
        const run = await cli([command], { cwd: empty });
        expect(run.code, command).toBe(1);
        expect(run.err, command).toContain('pass a file or directory with -f');
        expect(run.out, command).not.toContain('Formatted 0 of 0');
      }
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('--region fills in only for keys that name no region: a key naming its own keeps it', async () => {
    await writeFile(join(dir, 'regions.yaml'), 'version: 1\nkeys:\n  own:\n    keyId: alias/nu-own\n    region: cn-shanghai\n    rotation: { maxAge: 90d }\n  none:\n    keyId: alias/nu-none\n    rotation: { maxAge: 90d }\n');
    const run = await cli(['plan', '-f', 'regions.yaml', '--region', 'cn-beijing', '--json']);
    const doc = JSON.parse(run.out) as { keys: { name: string; region: string }[] };
    expect(doc.keys.map((k) => [k.name, k.region])).toEqual([['own', 'cn-shanghai'], ['none', 'cn-beijing']]);
  });

  it('fmt --help states the key order the formatter uses: label before id', async () => {
    const help = (await cli(['fmt', '--help'])).out;
    expect(configKeyOrder(['keys', 'k', 'versions', '0'])).toEqual(['label', 'id']);
    expect(help).toContain('label before id');
    expect(help).toContain((configKeyOrder(['keys', 'k']) ?? []).join(', '));
  });

  it('every --help lists exactly the flags the command takes, and the main help lists every command and version', async () => {
    const main = (await cli(['--help'])).out;
    for (const entry of COMMANDS) {
      expect(main).toContain(`  ${entry.name} `);
      const command = await entry.load();
      const help = (await cli([entry.name, '--help'])).out;
      for (const name of Object.keys(command.options)) expect(help, `${entry.name} --${name}`).toContain(`--${name}`);
      const mentioned = [...help.matchAll(/^ {2}(?:-\w, )?--([a-z-]+)/gm)].map((m) => m[1]!);
      for (const name of mentioned) expect(Object.keys(command.options), `${entry.name} --help mentions --${name}`).toContain(name);
    }
    expect(main).toMatch(/\n {2}version +Print the version/);
    expect(main).toContain('--chdir DIR');
    expect((await cli(['version'])).out).toMatch(/^kmsctl \d+\.\d+\.\d+\n/);
  });

  it('completion prints a script for bash, zsh and fish with the commands and their flags', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const run = await cli(['completion', shell]);
      expect(run.code).toBe(0);
      expect(run.out).toContain('plan');
      expect(run.out).toContain('detailed-exitcode');
    }
    if (process.platform !== 'win32') execSync('bash -n', { input: (await cli(['completion', 'bash'])).out });
    expect((await cli(['completion', 'bsh'])).err).toContain('did you mean "bash"?');
  });

  it('pin --adopt --check names the command that does what it found, and plan points drift to pin --adopt', async () => {
    await writeFile(join(dir, 'drift.yaml'), 'version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n  drift:\n    keyId: alias/nu-drift\n    versions:\n      - id: 0b6a39d1-0000-4000-8000-00000000e101\n');
    const check = await cli(['pin', '-f', 'drift.yaml', '--adopt', '--check']);
    expect(check.code).toBe(1);
    expect(check.out).toContain('Run "kmsctl pin --adopt -f drift.yaml" to write it.');
    const plain = await cli(['pin', '-f', 'drift.yaml', '--check']);
    expect(plain.out).toContain('"kmsctl pin --adopt -f drift.yaml" adds it');
    const plan = await cli(['plan', '-f', 'drift.yaml', '--no-color']);
    expect(plan.out).toContain('kmsctl pin --adopt');
    expect(plan.out).not.toContain('kmsctl import');
  });

  it('pin and fmt refuse a read-only config and leave it as it was', async () => {
    const path = join(dir, 'readonly.yaml');
    const text = 'version: 1\ndefaults:\n  region: cn-hangzhou\nkeys:\n    drift:\n        keyId: alias/nu-drift\n        versions:\n          - id: 0b6a39d1-0000-4000-8000-00000000e101\n';
    await writeFile(path, text);
    await chmod(path, 0o444);
    for (const args of [['pin', '-f', 'readonly.yaml', '--adopt'], ['fmt', '-f', 'readonly.yaml']]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.err).toContain('error[config.read-only]');
      expect(await readFile(path, 'utf8')).toBe(text);
    }
  });

  it('an access key ID is printed masked only, and plan hints at a signature mismatch as doctor does', async () => {
    const unknownId = 'dummyUnknownAccessKey99';
    const unknown = await cli(['plan', '--target', 'signing'], { env: { ALIBABA_CLOUD_ACCESS_KEY_ID: unknownId } });
    expect(unknown.code).toBe(1);
    expect(unknown.out + unknown.err).not.toContain(unknownId);
    expect(unknown.out + unknown.err).toContain('dumm****ey99');
    const wrong = await cli(['plan', '--target', 'signing'], { env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-the-secret' } });
    expect(wrong.err).toContain('error[kms.api-error]');
    expect(wrong.err).toContain('the secret does not belong to this access key ID');
    expect(wrong.out + wrong.err).not.toContain(env.ALIBABA_CLOUD_ACCESS_KEY_ID);
  });

  it('a saved plan resolves its config from any directory, and --pin checks it can write before creating anything', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'kmsctl-apply-from-'));
    try {
      expect((await cli(['plan', '--target', 'signing', '--out', join(dir, 'signing.plan')])).code).toBe(0);
      await chmod(join(dir, 'kmsctl.yaml'), 0o444);
      const refused = await cli(['apply', join(dir, 'signing.plan'), '--pin'], { cwd: elsewhere });
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('error[apply.pin-not-possible]');
      expect(emulator.stats().actions.CreateKeyVersion ?? 0).toBe(0);
      await chmod(join(dir, 'kmsctl.yaml'), 0o644);
      const applied = await cli(['apply', join(dir, 'signing.plan'), '--pin'], { cwd: elsewhere });
      expect(applied.code, applied.err).toBe(0);
      expect(applied.out).toMatch(/signing: pinned versions\[1\] "next" to \S+/);
      expect(await readFile(join(dir, 'kmsctl.yaml'), 'utf8')).toMatch(/- label: next\n {8}id: \S+\n/);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
