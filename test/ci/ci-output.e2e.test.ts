/**
 * The built CLI in a pipeline's environment: GitHub annotations and the job summary when
 * GITHUB_ACTIONS=true, the Markdown plan file, and progress lines in CI logs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type E2eWorld } from '../e2e/e2e-harness.js';

const KEYS = 24;
const V1 = '0b6a39d1-0000-4000-8000-00000000d001';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

function config(): string {
  const lines = ['version: 1', 'defaults:', '  region: cn-hangzhou', 'keys:', '  signing:', '    keyId: alias/ci-signing', '    versions:', `      - id: ${V1}`, '      - label: next', '  symmetric:', '    keyId: alias/ci-symmetric', '    rotation:', '      maxAge: 30d'];
  for (let i = 0; i < KEYS; i++) lines.push(`  bulk-${i}:`, `    keyId: alias/ci-bulk-${i}`, '    rotation:', '      maxAge: 365d');
  return `${lines.join('\n')}\n`;
}

describe('kmsctl in CI', () => {
  let world: E2eWorld;
  let summary: string;
  const github = (): Record<string, string> => ({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, CI: 'true' });

  beforeAll(async () => {
    world = await startWorld({
      region: 'cn-hangzhou',
      keys: [
        { id: 'key-ci-signing-000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-30d', aliases: ['alias/ci-signing'], versions: [{ id: V1 }] },
        { id: 'key-ci-symmetric-0001', spec: 'Aliyun_AES_256', usage: 'ENCRYPT/DECRYPT', creationDate: '-100d', aliases: ['alias/ci-symmetric'] },
        ...Array.from({ length: KEYS }, (_, i) => ({ id: `key-ci-bulk-${String(i).padStart(9, '0')}`, spec: 'EC_P256' as const, usage: 'SIGN/VERIFY' as const, creationDate: '-10d', aliases: [`alias/ci-bulk-${i}`] })),
      ],
    });
    await world.writeConfig(config());
    summary = join(world.dir, 'step-summary.md');
    await writeFile(summary, '');
  });
  afterAll(() => world.close());

  it('plan writes an annotation per key in error, appends the Markdown plan to the job summary and writes --markdown-out', async () => {
    const run = await world.kmsctl(['plan', '--markdown-out', 'plan.md', '--no-color'], { env: github() });
    expect(run.exitCode).toBe(1);
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toEqual([expect.stringMatching(/^::error file=kmsctl\.yaml,line=10,col=3,endLine=10,endColumn=11,title=kmsctl plan::symmetric \(alias\/ci-symmetric, cn-hangzhou\): .*\[key\.symmetric\]/)]);
    const markdown = await readFile(join(world.dir, 'plan.md'), 'utf8');
    expect(markdown).toContain('<!-- kmsctl-plan -->');
    expect(markdown).toContain('**Plan: 1 to create, 0 deferred, 1 error, 24 unchanged.**');
    expect(await readFile(summary, 'utf8')).toBe(`${markdown}\n`);
  });

  it('sends annotations to stderr when stdout carries the JSON plan', async () => {
    const run = await world.kmsctl(['plan', '--json'], { env: github() });
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stderr).toMatch(/^::error file=kmsctl\.yaml,.*title=kmsctl plan::symmetric/m);
  });

  it('prints nothing GitHub-specific without GITHUB_ACTIONS', async () => {
    await writeFile(summary, '');
    const run = await world.kmsctl(['plan', '--no-color'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.stdout).not.toContain('::error');
    expect(await readFile(summary, 'utf8')).toBe('');
  });

  it('validate and plan turn config diagnostics into annotations at their position', async () => {
    await world.writeConfig('version: 1\nkeys:\n  k:\n    keyId: alias/k\n    rotation:\n      maxAge: 3d\n', 'bad.yaml');
    const run = await world.kmsctl(['validate', '-f', 'bad.yaml'], { env: github() });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error file=bad\.yaml,line=6,col=15,endLine=6,endColumn=16,title=kmsctl config\.max-age-too-short::/m);
    const plan = await world.kmsctl(['plan', '-f', 'bad.yaml'], { env: github() });
    expect(plan.stdout).toMatch(/^::error file=bad\.yaml,line=6,.*title=kmsctl config\.max-age-too-short::/m);
  });

  it('apply appends the plan and its report to the job summary and annotates failed keys', async () => {
    await writeFile(summary, '');
    const run = await world.kmsctl(['apply', '--auto-approve', '--no-color'], { env: github() });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error title=kmsctl apply::symmetric \(alias\/ci-symmetric, cn-hangzhou\): /m);
    const text = await readFile(summary, 'utf8');
    expect(text).toContain('<!-- kmsctl-plan -->');
    expect(text).toContain('<!-- kmsctl-apply -->');
    expect(text).toContain('**Apply complete: 1 created, 0 deferred, 1 failed.**');
    expect(text).toMatch(/\| \+ created \| signing \| alias\/ci-signing \| cn-hangzhou \| created version [0-9a-f-]{36}/);
  });

  it('prints progress in CI logs as plain lines, without control characters', async () => {
    const run = await world.kmsctl(['plan', '--json'], { env: { CI: 'true' } });
    expect(run.stderr).not.toMatch(CONTROL);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line).toMatch(/^Reading keys: \d+\/26$/);
    expect(lines).toContain('Reading keys: 26/26');
  });
});
