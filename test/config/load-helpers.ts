/** Helpers for loader tests: a throwaway directory of config files, and diagnostics as positions. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { loadConfig, type LoadConfigOptions, type LoadedConfig } from '../../src/config/load-config.js';
import { diagnosticsToJson } from '../../src/diagnostics/format-json.js';

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh directory holding the given files (paths relative to it); removed after the test. */
export async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kmsctl-config-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** Loads files written to a fresh workspace; `files` defaults to every file given, in order. */
export async function loadFiles(
  files: Record<string, string>,
  options: Partial<Omit<LoadConfigOptions, 'cwd'>> = {},
): Promise<LoadedConfig> {
  const cwd = await workspace(files);
  return loadConfig({ ...options, files: options.files ?? Object.keys(files), cwd, env: options.env ?? {} });
}

export interface Located {
  severity: string;
  code: string;
  file: string | undefined;
  line: number | undefined;
  column: number | undefined;
}

/** [code, file, line, column] of each diagnostic: what most tests compare. */
export function positions(result: LoadedConfig): [string, string | undefined, number | undefined, number | undefined][] {
  return located(result).map((d) => [d.code, d.file, d.line, d.column]);
}

/** Each diagnostic as code + file:line:col (1-based), the things tests assert. */
export function located(result: LoadedConfig): Located[] {
  return diagnosticsToJson(result.diagnostics, result.sources).map((d) => ({
    severity: d.severity,
    code: d.code,
    file: d.file,
    line: d.start?.line,
    column: d.start?.column,
  }));
}

/** A valid config with one key, for tests that change one thing in it. */
export const VALID = `version: 1
defaults:
  region: cn-hangzhou
keys:
  payments-signing:
    keyId: alias/payments-signing
    region: cn-shanghai
    versions:
      - id: 2ab1a983-7072-4bbc-a582-584b5bd8aaaa
      - label: 2026-q4
    rotation:
      maxAge: 90d
    maxVersions: 40
`;

/** VALID as a value. */
export const VALID_OBJECT = {
  version: 1,
  defaults: { region: 'cn-hangzhou' },
  keys: {
    'payments-signing': {
      keyId: 'alias/payments-signing',
      region: 'cn-shanghai',
      versions: [{ id: '2ab1a983-7072-4bbc-a582-584b5bd8aaaa' }, { label: '2026-q4' }],
      rotation: { maxAge: '90d' },
      maxVersions: 40,
    },
  },
};
