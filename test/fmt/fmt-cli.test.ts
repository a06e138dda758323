/** `kmsctl fmt` as users run it: the built CLI on files in a temporary directory. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKmsctl } from '../e2e/run-kmsctl.js';

const UNFORMATTED = `version: 1
keys:
    # the signing key
    signing:
        rotation: {maxAge: 90d}   # quarterly
        keyId: alias/signing
        versions:
        -   id: 2ab1a983-7072-4bbc-a582-584b5bd8aaaa
            label: first
`;

const FORMATTED = `version: 1
keys:
  # the signing key
  signing:
    keyId: alias/signing
    versions:
      - label: first
        id: 2ab1a983-7072-4bbc-a582-584b5bd8aaaa
    rotation: {maxAge: 90d}   # quarterly
`;

describe('kmsctl fmt', () => {
  let dir: string;
  const kmsctl = (args: string[]) => runKmsctl(args, { cwd: dir });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kmsctl-fmt-'));
    await writeFile(join(dir, 'kmsctl.yaml'), UNFORMATTED);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fmt --check exits 1 on an unformatted file and leaves it as it is', async () => {
    const run = await kmsctl(['fmt', '--check']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('kmsctl.yaml is not formatted');
    expect(await readFile(join(dir, 'kmsctl.yaml'), 'utf8')).toBe(UNFORMATTED);
  });

  it('fmt --check --diff prints a unified diff', async () => {
    const run = await kmsctl(['fmt', '--check', '--diff', '--no-color']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('--- a/kmsctl.yaml\n+++ b/kmsctl.yaml\n@@ ');
    expect(run.stdout).toContain('+      - label: first\n');
  });

  it('fmt rewrites the file canonically, after which fmt --check exits 0', async () => {
    const run = await kmsctl(['fmt']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await readFile(join(dir, 'kmsctl.yaml'), 'utf8')).toBe(FORMATTED);
    const check = await kmsctl(['fmt', '--check']);
    expect(check.exitCode).toBe(0);
    expect(check.stdout).toContain('The file is formatted.');
  });

  it('refuses a file with YAML errors, with the position, and formats the others of a directory', async () => {
    await writeFile(join(dir, 'broken.yaml'), 'version: 1\nkeys:\n  a: b\n  a: c\n');
    await writeFile(join(dir, 'other.yml'), 'version: 1\nkeys:\n    k:\n        keyId: alias/k\n');
    const run = await kmsctl(['fmt', '-f', '.']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('error[config.yaml-duplicate-key]');
    expect(run.stderr).toContain('broken.yaml:4:3');
    expect(await readFile(join(dir, 'broken.yaml'), 'utf8')).toBe('version: 1\nkeys:\n  a: b\n  a: c\n');
    expect(await readFile(join(dir, 'other.yml'), 'utf8')).toBe('version: 1\nkeys:\n  k:\n    keyId: alias/k\n');
  });

  it('reports a missing file', async () => {
    const run = await kmsctl(['fmt', '-f', 'absent.yaml']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('config.file-not-found');
  });
});
