/**
 * The CI examples run as written: each is valid YAML of its CI system's shape, and every kmsctl
 * command line in it is accepted by kmsctl's own argument parser.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../src/cli/command-table.js';
import { parseCommandArguments } from '../../src/cli/arguments/command-line.js';
import { kmsctlArguments, simpleCommands } from './shell-commands.js';

const GITHUB = 'examples/ci/github-actions.yml';
const GITLAB = 'examples/ci/gitlab-ci.yml';
const MATRIX = 'examples/ci/github-actions-accounts.yml';

function read(file: string): { text: string; value: Record<string, unknown> } {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  return { text, value: parse(text) as Record<string, unknown> };
}

/** The shell scripts of a GitHub workflow: every step's `run`. */
function githubScripts(workflow: Record<string, unknown>): string[] {
  const jobs = workflow.jobs as Record<string, { steps?: { run?: string }[] }>;
  return Object.values(jobs).flatMap((job) => (job.steps ?? []).flatMap((step) => (typeof step.run === 'string' ? [step.run] : [])));
}

/** The shell scripts of a GitLab pipeline: before_script, script and after_script of jobs and default. */
function gitlabScripts(pipeline: Record<string, unknown>): string[] {
  const scripts: string[] = [];
  for (const job of Object.values(pipeline)) {
    if (typeof job !== 'object' || job === null || Array.isArray(job)) continue;
    for (const field of ['before_script', 'script', 'after_script']) {
      const value = (job as Record<string, unknown>)[field];
      if (typeof value === 'string') scripts.push(value);
      else if (Array.isArray(value)) scripts.push(...value.map(String));
    }
  }
  return scripts;
}

function kmsctlLines(scripts: readonly string[]): string[][] {
  return scripts.flatMap((script) => simpleCommands(script).flatMap((words) => {
    const args = kmsctlArguments(words);
    return args ? [args] : [];
  }));
}

async function expectAccepted(args: readonly string[]): Promise<void> {
  const [name, ...rest] = args;
  const entry = COMMANDS.find((c) => c.name === name);
  expect(entry, `kmsctl ${args.join(' ')}: unknown command`).toBeDefined();
  const command = await entry!.load();
  expect(parseCommandArguments(command.name, command.options, rest, command.allowPositionals).diagnostics, `kmsctl ${args.join(' ')}`).toEqual([]);
}

describe('the shell splitting the example test relies on', () => {
  it('joins continuations, splits on operators, drops assignments and redirections', () => {
    const script = 'A=1 npx kmsctl plan \\\n  --out "plan file.json" --json > plan.json 2>&1 || test $? -eq 2; kmsctl fmt --check # comment\necho kmsctl';
    const found = simpleCommands(script).map(kmsctlArguments).filter((a) => a !== undefined);
    expect(found).toEqual([['plan', '--out', 'plan file.json', '--json'], ['fmt', '--check']]);
  });
});

describe.each([
  [GITHUB, githubScripts],
  [GITLAB, gitlabScripts],
] as const)('%s', (file, scriptsOf) => {
  const { text, value } = read(file);
  const lines = kmsctlLines(scriptsOf(value));

  it('has kmsctl command lines, and the argument parser accepts every one', async () => {
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const args of lines) await expectAccepted(args);
  });

  it('plans with a saved plan and a Markdown comment file, applies that plan with --pin, and applies rotation unattended', () => {
    const has = (predicate: (args: string[]) => boolean): boolean => lines.some(predicate);
    expect(has((a) => a[0] === 'plan' && a.includes('--out') && a.includes('--markdown-out'))).toBe(true);
    expect(has((a) => a[0] === 'apply' && a.includes('plan.json') && a.includes('--pin'))).toBe(true);
    expect(has((a) => a[0] === 'apply' && a.includes('--auto-approve'))).toBe(true);
    expect(has((a) => a[0] === 'pin' && a.includes('--check'))).toBe(true);
    expect(has((a) => a[0] === 'fmt' && a.includes('--check'))).toBe(true);
  });

  it('gets STS credentials from an OIDC token written to ALIBABA_CLOUD_OIDC_TOKEN_FILE, with no access key', () => {
    for (const name of ['ALIBABA_CLOUD_ROLE_ARN', 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN', 'ALIBABA_CLOUD_OIDC_TOKEN_FILE']) expect(text).toContain(name);
    expect(text).toMatch(/> "\$ALIBABA_CLOUD_OIDC_TOKEN_FILE"/);
    expect(text).not.toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  });
});

describe('the GitHub workflow', () => {
  const workflow = read(GITHUB).value as { on: Record<string, unknown>; jobs: Record<string, { permissions?: Record<string, string> }> };

  it('runs on pull requests and on a schedule, and lets every job that reads KMS request an OIDC token', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'schedule']));
    for (const job of ['plan', 'apply', 'rotate']) expect(workflow.jobs[job]?.permissions?.['id-token']).toBe('write');
  });
});

describe('the GitLab pipeline', () => {
  const pipeline = read(GITLAB).value as Record<string, { id_tokens?: Record<string, { aud?: string }>; extends?: string }>;

  it('issues an id_token to every job that talks to KMS', () => {
    expect(pipeline['.oidc']?.id_tokens?.KMSCTL_OIDC_TOKEN?.aud).toBe('sts.aliyuncs.com');
    for (const job of ['plan', 'apply', 'rotate']) expect(pipeline[job]?.extends).toBe('.oidc');
  });
});

describe('the GitHub matrix that shards a fleet by account', () => {
  const { value } = read(MATRIX);
  type Job = { needs?: string | string[]; strategy?: { matrix?: { shard?: string } }; permissions?: Record<string, string>; steps?: { id?: string; run?: string }[] };
  const workflow = value as { jobs: Record<string, Job> };
  const lines = kmsctlLines(githubScripts(value));
  const shardList = workflow.jobs.shards?.steps?.find((step) => step.id === 'list')?.run ?? '';
  const shards = JSON.parse(/matrix=(\[.*\])'/.exec(shardList)?.[1] ?? '[]') as { name: string; accounts: string[] }[];

  it('has kmsctl command lines, and the argument parser accepts every one', async () => {
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const args of lines) await expectAccepted(args);
  });

  it('lists its shards once, each account in exactly one shard, and every sharded job takes them from there', () => {
    expect(shards.length).toBeGreaterThanOrEqual(2);
    const accounts = shards.flatMap((shard) => shard.accounts);
    expect(new Set(accounts).size).toBe(accounts.length);
    expect(shards.some((shard) => shard.accounts.length > 1)).toBe(true);
    for (const job of ['plan', 'apply', 'rotate']) {
      expect(workflow.jobs[job]?.strategy?.matrix?.shard, job).toBe('${{ fromJSON(needs.shards.outputs.matrix) }}');
      expect(workflow.jobs[job]?.permissions?.['id-token'], job).toBe('write');
    }
  });

  it('plans each shard by --account into a saved plan of its own, applies that plan, and rotates each shard unattended', () => {
    const has = (predicate: (args: string[]) => boolean): boolean => lines.some(predicate);
    expect(has((a) => a[0] === 'plan' && a.includes('--account') && a.some((w) => /^plan-\$\{\{ matrix\.shard\.name \}\}\.json$/.test(w)) && a.includes('--markdown-out'))).toBe(true);
    expect(has((a) => a[0] === 'apply' && a[1] === 'plan-${{ matrix.shard.name }}.json' && !a.includes('--account'))).toBe(true);
    expect(has((a) => a[0] === 'apply' && a.includes('--auto-approve') && a.includes('--account'))).toBe(true);
  });

  it('gives each shard\'s job one --account flag per account of the shard, once GitHub has substituted its expressions', async () => {
    const plan = await COMMANDS.find((c) => c.name === 'plan')!.load();
    for (const shard of shards) {
      const scripts = githubScripts(value).map((script) =>
        script.replaceAll("${{ join(matrix.shard.accounts, ' --account ') }}", shard.accounts.join(' --account ')).replaceAll('${{ matrix.shard.name }}', shard.name),
      );
      const args = kmsctlLines(scripts).find((a) => a[0] === 'plan')!;
      const parsed = parseCommandArguments('plan', plan.options, args.slice(1), false);
      expect(parsed.diagnostics).toEqual([]);
      expect(parsed.values.account).toEqual(shard.accounts);
      expect(parsed.values.out).toBe(`plan-${shard.name}.json`);
    }
  });
});
