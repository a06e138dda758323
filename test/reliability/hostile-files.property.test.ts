/**
 * Guarantee: hostile input files never crash kmsctl. Random YAML, random edits and random values in a
 * valid config go through `validate` and `plan`; random JSON and mutations of a valid saved plan (with
 * the checksum left stale, or recomputed so the mutation reaches the deeper checks) go through
 * `apply PLANFILE`. Every run ends with exit 0 (the input happened to be valid) or 1 with a
 * diagnostic, and never with a stack trace or an "internal error". Seeded: set KMSCTL_FUZZ_SEED to
 * explore other inputs, KMSCTL_FUZZ_RUNS for more of them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { savedPlanChecksum } from '../../src/plan-file/saved-plan.js';
import type { KmsctlRun } from '../e2e/run-kmsctl.js';
import { STACK_TRACE, firstVersionOf, keyIdOf, startReliabilityWorld, type ReliabilityWorld } from './harness.js';
import { applyEdits } from '../builders/text-edits.js';

const SEED = Number(process.env['KMSCTL_FUZZ_SEED'] ?? 20_260_110);
const RUNS = Number(process.env['KMSCTL_FUZZ_RUNS'] ?? 60);
const options = { seed: SEED, numRuns: RUNS, endOnFailure: true };

/** A valid config using every feature: pins, labels, rotation, a ceiling, an alias, two regions. */
const VALID_OBJECT = {
  version: 1,
  defaults: { region: 'cn-hangzhou' },
  keys: {
    pinned: { keyId: keyIdOf(0), versions: [{ id: firstVersionOf(0) }, { label: 'next' }], maxVersions: 40 },
    rotating: { keyId: keyIdOf(1), rotation: { maxAge: '90d' } },
    both: { keyId: keyIdOf(2), region: 'cn-hangzhou', versions: [{ label: 'a' }], rotation: { maxAge: '7d' } },
    missing: { keyId: 'alias/not-there', region: 'cn-shanghai', versions: [{ label: 'x' }] },
  },
};
const VALID_TEXT = `# a valid config\n${stringify(VALID_OBJECT)}`;

/** Text edits: insert, delete or replace a slice at a random place, with YAML's special characters likely. */
const edit = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 12 }),
  insert: fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(':', '- ', ' ', '\n', '  ', '[', ']', '{', '}', '&a ', '*a', '!!binary ', '"', "'", '#', '\t', '---\n', '? ', '%YAML 1.1\n', '<<: *a', '\u0000', '\uFEFF', '\uD800', '9'.repeat(40)),
  ),
});

/** Every path of a JSON value, objects and arrays included. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  const here = [prefix];
  if (value === null || typeof value !== 'object') return here;
  return here.concat(...Object.entries(value as Record<string, unknown>).map(([k, v]) => pathsOf(v, [...prefix, k])));
}

/** A copy of `root` with `path` set to `value`, or deleted when `value` is undefined. */
function mutate(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value ?? null;
  const copy = structuredClone(root) as Record<string, unknown>;
  let node = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, '', ' ', 'create', 'no-op', 'deferred', 'error', 'Enabled', 'Disabled', -1, 0, 1e308, 2 ** 53, '2026-13-45T99:99:99Z', 'alias/acs', '../../etc/passwd', 'http://169.254.169.254/', '__proto__', 'constructor', [], {}, [null], { keyId: 'x' }),
);

const changes = (paths: string[][]) => fc.array(fc.tuple(fc.nat({ max: paths.length - 1 }), oddValue), { minLength: 1, maxLength: 3 });

/** The guarantee, for one run. */
function expectCleanEnd(run: KmsctlRun, context: string): void {
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output, `no stack trace (${context})`).not.toMatch(STACK_TRACE);
  expect(output, `no internal error (${context})`).not.toContain('this is a bug');
  expect([0, 1], `exit 0 or 1 (${context}):\n${output}`).toContain(run.exitCode);
  if (run.exitCode === 1) expect(run.stderr.length + run.stdout.length, `a diagnostic (${context})`).toBeGreaterThan(0);
  if (run.exitCode === 1 && run.stdout === '') expect(run.stderr).toMatch(/error|Error/);
}

describe('hostile config and plan files', () => {
  let world: ReliabilityWorld;
  let configPath: string;
  let planPath: string;
  let validPlan: Record<string, unknown>;

  beforeAll(async () => {
    world = await startReliabilityWorld(3);
    configPath = join(world.dir, 'fuzz.yaml');
    planPath = join(world.dir, 'fuzz-plan.json');
    await writeFile(configPath, VALID_TEXT);
    const made = await world.cli(['plan', '-f', configPath, '--out', join(world.dir, 'valid-plan.json')]);
    expect(made.exitCode, made.stderr).toBe(1); // one key is missing: a plan with an error still saves
    validPlan = JSON.parse(await readFile(join(world.dir, 'valid-plan.json'), 'utf8')) as Record<string, unknown>;
  });
  afterAll(() => world.close());

  async function throughConfigCommands(text: string): Promise<void> {
    await writeFile(configPath, text);
    for (const command of ['validate', 'plan']) {
      const run = await world.cli([command, '-f', configPath, '--no-color']);
      expectCleanEnd(run, `${command} of ${JSON.stringify(text.slice(0, 200))}`);
    }
  }

  test('the valid config is valid, and its plan applies only what it should', async () => {
    await writeFile(configPath, VALID_TEXT);
    expect((await world.cli(['validate', '-f', configPath])).exitCode).toBe(0);
  });

  test('random text as a config', { timeout: 60_000 }, async () => {
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.array(edit.map((e) => e.insert), { maxLength: 30 }).map((parts) => parts.join('')));
    await fc.assert(fc.asyncProperty(text, throughConfigCommands), options);
  });

  test('random edits of a valid config', { timeout: 60_000 }, async () => {
    await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => throughConfigCommands(applyEdits(VALID_TEXT, edits))), options);
  });

  test('random values anywhere in a valid config', { timeout: 60_000 }, async () => {
    const paths = pathsOf(VALID_OBJECT);
    await fc.assert(
      fc.asyncProperty(changes(paths), async (list) => {
        let config: unknown = VALID_OBJECT;
        for (const [index, value] of list) {
          const current = pathsOf(config);
          config = mutate(config, current[index % current.length]!, value);
        }
        await throughConfigCommands(stringify(config) ?? '');
      }),
      options,
    );
  });

  async function applyPlanText(text: string, context: string): Promise<void> {
    await writeFile(planPath, text);
    expectCleanEnd(await world.cli(['apply', planPath, '--no-color']), context);
  }

  test('random text and JSON as a plan file', { timeout: 60_000 }, async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.record({ format: fc.constantFrom('kmsctl-plan', 'other'), format_version: fc.constantFrom(1, 2, '1', '2.0') }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(fc.asyncProperty(text, (t) => applyPlanText(t, t.slice(0, 200))), options);
  });

  test('mutations of a valid saved plan, with a stale or a recomputed checksum', { timeout: 60_000 }, async () => {
    const paths = pathsOf(validPlan);
    await fc.assert(
      fc.asyncProperty(changes(paths), fc.boolean(), fc.boolean(), async (list, recompute, truncate) => {
        let plan: unknown = validPlan;
        for (const [index, value] of list) {
          const current = pathsOf(plan);
          plan = mutate(plan, current[index % current.length]!, value);
        }
        if (recompute && typeof plan === 'object' && plan !== null && !Array.isArray(plan)) {
          (plan as Record<string, unknown>)['checksum'] = savedPlanChecksum(plan as Record<string, unknown>);
        }
        const text = JSON.stringify(plan, null, 2) ?? 'null';
        await applyPlanText(truncate ? text.slice(0, Math.floor(text.length / 2)) : text, JSON.stringify(list).slice(0, 300));
      }),
      options,
    );
  });
});
