import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LockConflictError, StateFileError, startEmulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { resolveStatePath } from '../../src/emulator/state-path.js';
import { DAY_MS, createKey, fifo, startTest, tempDir } from './helpers.js';

function startFails(options: EmulatorOptions): Promise<unknown> {
  return startEmulator({ port: 0, env: {}, ...options }).then(
    async (emulator) => {
      await emulator.close();
      throw new Error('expected the start to fail');
    },
    (error: unknown) => error,
  );
}

function versionsIn(file: string): string[] {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { keys: { versions: { keyVersionId: string }[] }[] };
  return saved.keys.flatMap((key) => key.versions.map((version) => version.keyVersionId)).sort();
}

describe('a state file behind a symbolic link', () => {
  test('is locked, read and written at its target: the link stays a link and the target holds every version', async () => {
    const dir = realpathSync(tempDir());
    const real = join(dir, 'real.json');
    const link = join(dir, 'link.json');
    const first = await startTest({ statePath: real });
    const key = await createKey(first.kms, { KeySpec: 'RSA_2048' });
    await first.emulator.close();
    symlinkSync('real.json', link);
    const { emulator, kms } = await startTest({ statePath: link });
    expect(emulator.statePath).toBe(real);
    expect(existsSync(`${real}.lock`)).toBe(true);
    expect(existsSync(`${link}.lock`)).toBe(false);
    emulator.clock.advance(7 * DAY_MS);
    await kms.ok('CreateKeyVersion', { KeyId: key.KeyId });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(versionsIn(real)).toHaveLength(2);
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'real.json', 'real.json.lock']);
  });

  test.each([
    ['the link first, then the target', ['link.json', 'real.json']],
    ['the target first, then the link', ['real.json', 'link.json']],
    ['a link to the directory, then the target', ['linked-dir/real.json', 'real.json']],
  ])('two emulators never both start on one real file: %s', async (_name, [first, second]) => {
    const dir = realpathSync(tempDir());
    symlinkSync('real.json', join(dir, 'link.json'));
    symlinkSync('.', join(dir, 'linked-dir'));
    await startTest({ statePath: join(dir, first ?? '') });
    const error = await startFails({ statePath: join(dir, second ?? '') });
    expect(error).toBeInstanceOf(LockConflictError);
    expect((error as LockConflictError).lockPath).toBe(join(dir, 'real.json.lock'));
  });

  test('a link whose target does not exist yet gets the state created at the target', async () => {
    const dir = realpathSync(tempDir());
    mkdirSync(join(dir, 'data'));
    symlinkSync('data/state.json', join(dir, 'link.json'));
    const { emulator, kms } = await startTest({ statePath: join(dir, 'link.json') });
    await createKey(kms);
    expect(emulator.statePath).toBe(join(dir, 'data', 'state.json'));
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(versionsIn(join(dir, 'data', 'state.json'))).toHaveLength(1);
  });

  test('a loop of links is refused with an error naming the path, and leaves no lock', async () => {
    const dir = realpathSync(tempDir());
    symlinkSync('b.json', join(dir, 'a.json'));
    symlinkSync('a.json', join(dir, 'b.json'));
    const error = await startFails({ statePath: join(dir, 'a.json') });
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as StateFileError).file).toBe(join(dir, 'a.json'));
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
    expect(resolveStatePath(join(dir, 'a.json'))).toEqual({ problem: expect.stringContaining('symbolic links') });
  });
});

describe('state and lock files that are not regular files', () => {
  test('a named pipe as --state is refused at once, not read, and leaves no lock', async () => {
    const pipe = fifo('state.json');
    const error = await startFails({ statePath: pipe });
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as StateFileError).problem).toMatch(/named pipe/);
    expect(existsSync(`${pipe}.lock`)).toBe(false);
  });

  test('a named pipe where the lock file goes is refused at once', async () => {
    const pipe = fifo('state.json.lock');
    const error = await startFails({ statePath: pipe.replace(/\.lock$/, '') });
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toMatch(/lock file .* named pipe/);
  });

  test('a directory as --state is refused', async () => {
    const error = await startFails({ statePath: tempDir() });
    expect(error).toBeInstanceOf(StateFileError);
  });
});

describe('errors about a state file never quote its bytes', () => {
  test.each([
    ['a password file (through a link)', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n', ['root:x', 'daemon']],
    ['JSON of another program', '{"password":"hunter2-do-not-show","token":"tok-zzz"}', ['hunter2', 'tok-zzz']],
    ['a state file with a version that is a secret', '{"format":"kmsctl-emulator-state","version":"v-secret-zzz","keys":[],"aliases":[],"clock":{"offsetMs":0}}', ['v-secret-zzz']],
    ['binary bytes', '\u0000\u001b[2J\u0007garbage-zzz', ['garbage-zzz', '\u001b']],
  ])('%s: the error says what is wrong, and shows none of the content', async (_name, content, hidden) => {
    const dir = realpathSync(tempDir());
    const foreign = join(dir, 'foreign');
    writeFileSync(foreign, content);
    symlinkSync(foreign, join(dir, 'state.json'));
    const error = await startFails({ statePath: join(dir, 'state.json') });
    expect(error).toBeInstanceOf(StateFileError);
    for (const text of hidden) expect((error as Error).message).not.toContain(text);
    expect(readFileSync(foreign, 'utf8')).toBe(content);
  });

  test('a newer format version is named when it is a plain number', async () => {
    const state = join(tempDir(), 'state.json');
    writeFileSync(state, '{"format":"kmsctl-emulator-state","version":3}');
    expect(((await startFails({ statePath: state })) as StateFileError).problem).toMatch(/state format version 3;/);
  });
});

describe('a lock left by a process that was killed', () => {
  test('is taken over while that process is still a zombie, not yet reaped by its parent', async () => {
    // sh starts a child that exits at once, then becomes `sleep`, which never reaps it: a zombie whose pid sh printed.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))));
      await waitFor(() => readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') === true);
      const state = join(tempDir(), 'state.json');
      writeFileSync(`${state}.lock`, `${zombie}\n`);
      await startTest({ statePath: state });
      expect(readFileSync(`${state}.lock`, 'utf8').trim()).toBe(String(process.pid));
    } finally {
      if (parent.pid !== undefined) process.kill(parent.pid, 'SIGKILL');
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((done) => setTimeout(done, 10));
  expect(condition()).toBe(true);
}
