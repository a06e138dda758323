/**
 * Guarantee: two pipelines applying the same config at the same time create at most one version per
 * key that is due. The emulator's 7-day rule is atomic (check and insert in one step); kmsctl skips a
 * key that changed since its plan, and counts a `Rejected.*` after someone else's create as skipped,
 * not failed, so both pipelines succeed.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { KmsctlRun } from '../e2e/run-kmsctl.js';
import { REGION, STACK_TRACE, keyIdOf, startReliabilityWorld, type ReliabilityWorld } from './harness.js';

const KEYS = 30;

interface ApplyJson {
  results: { name: string; outcome: string; message: string }[];
  summary: { created: number; failed: number; skipped: number; noop: number };
}

function parse(run: KmsctlRun): ApplyJson {
  expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE);
  expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
  return JSON.parse(run.stdout) as ApplyJson;
}

describe('two pipelines applying the same config at once', () => {
  let world: ReliabilityWorld;

  beforeAll(async () => {
    world = await startReliabilityWorld(KEYS);
  });
  afterAll(() => world.close());

  /** Two child processes, as two CI jobs would be (or two in-process runs, whose timing is tighter). */
  async function applyTwiceAtOnce(extra: string[] = [], how: 'spawn' | 'cli' = 'spawn'): Promise<[ApplyJson, ApplyJson]> {
    const args = ['apply', '--auto-approve', '--json', ...extra];
    const [a, b] = await Promise.all([world[how](args), world[how](args)]);
    return [parse(a), parse(b)];
  }

  function rotationConfig(): Promise<void> {
    const keys = Array.from({ length: KEYS }, (_, i) => `  r${i}:\n    keyId: ${keyIdOf(i)}\n    rotation:\n      maxAge: 7d\n`);
    return writeFile(join(world.dir, 'rotation.yaml'), `version: 1\ndefaults:\n  region: ${REGION}\nkeys:\n${keys.join('')}`);
  }

  function expectEachKeyOnce(a: ApplyJson, b: ApplyJson): void {
    for (const [index, result] of a.results.entries()) {
      const other = b.results[index]!;
      expect(result.name).toBe(other.name);
      const outcomes = [result.outcome, other.outcome];
      expect(outcomes.every((o) => ['created', 'skipped', 'no-op'].includes(o)), `${result.name}: ${outcomes.join(', ')}`).toBe(true);
      expect(outcomes, `${result.name}: one of the pipelines created its version`).toContain('created');
    }
  }

  test('the versions config: every due key gets exactly one version, and both pipelines succeed', { timeout: 60_000 }, async () => {
    // Each create waits 300 ms before its check-and-insert, so the other pipeline's plan and re-read overlap it.
    await world.setFaults({
      seed: 11,
      rules: [
        { action: 'CreateKeyVersion', effect: 'delay', ms: 300 },
        { action: 'DescribeKey', probability: 0.5, effect: 'delay', ms: 20 },
      ],
    });
    const [a, b] = await applyTwiceAtOnce();
    await world.clearFaults();
    expectEachKeyOnce(a, b);
    expect(a.summary.failed + b.summary.failed).toBe(0);
    for (const ids of (await world.versions()).values()) expect(ids).toHaveLength(2);
  });

  test('a rotation config, with answers lost after commit: still exactly one version per key', { timeout: 60_000 }, async () => {
    await rotationConfig();
    await world.advanceClock('8d');
    await world.setFaults({
      seed: 12,
      rules: [
        { action: 'CreateKeyVersion', probability: 0.2, effect: 'drop-after-commit' },
        { action: '*', probability: 0.4, effect: 'delay', ms: 10 },
      ],
    });
    const [a, b] = await applyTwiceAtOnce(['-f', 'rotation.yaml']);
    await world.clearFaults();
    expectEachKeyOnce(a, b);
    for (const ids of (await world.versions()).values()) expect(ids).toHaveLength(3);
    // Both pipelines asked; the service refused the late ones, or the pipelines saw the change first.
    const plan = await world.cli(['plan', '-f', 'rotation.yaml', '--json']);
    expect(JSON.parse(plan.stdout).summary).toMatchObject({ create: 0, error: 0 });
  });

  test('when both send CreateKeyVersion for a key, the service refuses the second, and that pipeline reports the key skipped', { timeout: 60_000 }, async () => {
    await world.advanceClock('8d');
    // Every key at once, and creates held 600 ms: both pipelines have read every key before the first create lands.
    await world.setFaults({ rules: [{ action: 'CreateKeyVersion', effect: 'delay', ms: 600 }] });
    const [a, b] = await applyTwiceAtOnce(['-f', 'rotation.yaml', '--parallelism', String(KEYS)], 'cli');
    await world.clearFaults();
    expectEachKeyOnce(a, b);
    const losers = a.results.map((result, index) => (result.outcome === 'created' ? b.results[index]! : result));
    for (const loser of losers) expect(loser.outcome).toBe('skipped');
    // Under heavy load a loser may read the key after the winner's create landed (then it skips as
    // "changed since the plan"); most race all the way to the service, which refuses the second create.
    const refused = losers.filter((loser) => /another writer created version \S+ meanwhile; nothing created/.test(loser.message));
    expect(refused.length, losers.map((l) => l.message).join('\n')).toBeGreaterThan(KEYS / 2);
    expect(world.emulator.stats().errorCodes['Rejected.UnsupportedOperation']).toBeGreaterThanOrEqual(refused.length);
    for (const ids of (await world.versions()).values()) expect(ids).toHaveLength(4);
  });
});
