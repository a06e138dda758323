/**
 * The dangerous moments of an apply, each forced with a counted fault rule so it happens exactly
 * once and at the same place every run: a lost answer to CreateKeyVersion (work committed, no
 * answer), a recovery listing that fails too, resets of the reads. None of them may ever lead to a
 * second CreateKeyVersion for a key, and the next plan must see the key as it really is.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { STACK_TRACE, resultLines, startReliabilityWorld, type ReliabilityWorld } from './harness.js';

describe('ambiguous failures during apply', () => {
  let world: ReliabilityWorld;

  beforeEach(async () => {
    world = await startReliabilityWorld(1);
  });
  afterEach(() => world.close());

  async function savedPlan(): Promise<void> {
    const plan = await world.cli(['plan', '--out', join(world.dir, 'plan.json')]);
    expect(plan.exitCode, plan.stderr).toBe(0);
  }

  function createRequests(): number {
    const stats = world.emulator.stats();
    const answered = stats.actions['CreateKeyVersion'] ?? 0;
    // Requests whose connection a fault destroyed are not answered, so not in the per-action counts.
    const dropped = world.emulator.faults
      .snapshot()
      .rules.filter((r) => r.action === 'CreateKeyVersion' && (r.effect === 'reset' || r.effect === 'drop-after-commit'))
      .reduce((sum, r) => sum + r.fired, 0);
    return answered + dropped;
  }

  test('a lost answer to CreateKeyVersion is recovered by listing: the version is adopted, not created again', async () => {
    await savedPlan();
    await world.setFaults({ rules: [{ action: 'CreateKeyVersion', effect: 'drop-after-commit', count: 1 }] });
    const run = await world.cli(['apply', join(world.dir, 'plan.json'), '--no-color']);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(resultLines(run.stdout, 'created')[0]).toContain('confirmed by listing after an ambiguous failure');
    expect(createRequests()).toBe(1);
    expect((await world.versions()).get(world.keyIds[0]!)).toHaveLength(2);
  });

  test('when the recovery listing fails too, apply says it cannot tell, never calls again, and the next plan sees the version', async () => {
    await savedPlan();
    await world.setFaults({
      rules: [
        // The stale check and the re-read before the create list the versions; every listing after that is reset.
        { action: 'ListKeyVersions', count: 2, effect: 'delay', ms: 0 },
        { action: 'ListKeyVersions', effect: 'reset' },
        { action: 'CreateKeyVersion', effect: 'drop-after-commit' },
      ],
    });
    const run = await world.cli(['apply', join(world.dir, 'plan.json'), '--no-color']);
    expect(run.exitCode).toBe(1);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE);
    const [failed] = resultLines(run.stdout, 'failed');
    expect(failed).toMatch(/^! k0000: failed: unknown whether a version was created .*\[transport\.reset\]$/);
    expect(createRequests(), 'exactly one CreateKeyVersion').toBe(1);

    await world.clearFaults();
    await world.advanceClock('8d'); // the service would now allow another version: only the plan stands in the way
    const plan = await world.cli(['plan', '--json']);
    expect(JSON.parse(plan.stdout).keys[0].action).toBe('no-op');
    const again = await world.cli(['apply', '--auto-approve', '--no-color']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('Nothing to create now.');
    expect((await world.versions()).get(world.keyIds[0]!)).toHaveLength(2);
  });

  test('a CreateKeyVersion refused with a 5xx before any work is called again after listing, and creates one version', async () => {
    await world.setFaults({ rules: [{ action: 'CreateKeyVersion', count: 2, effect: 'error', status: 500, code: 'InternalFailure' }] });
    const run = await world.cli(['apply', '--auto-approve', '--no-color']);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(createRequests()).toBe(3);
    expect((await world.versions()).get(world.keyIds[0]!)).toHaveLength(2);
  });

  test('resets and lost answers of DescribeKey and ListKeyVersions are retried by the client', async () => {
    await world.setFaults({
      rules: [
        { action: 'DescribeKey', count: 2, effect: 'reset' },
        { action: 'ListKeyVersions', count: 2, effect: 'drop-after-commit' },
        { action: 'DescribeKey', count: 1, effect: 'error', status: 503, code: 'ServiceUnavailableTemporary' },
      ],
    });
    const run = await world.cli(['apply', '--auto-approve', '--no-color']);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(world.emulator.faults.snapshot().fired).toBe(5);
    expect((await world.versions()).get(world.keyIds[0]!)).toHaveLength(2);
  });

  test('a key read that keeps failing is reported with its code and RequestId, and nothing is created for it', async () => {
    await world.setFaults({ rules: [{ action: 'DescribeKey', effect: 'error', status: 500, code: 'InternalFailure' }] });
    const run = await world.cli(['apply', '--auto-approve', '--no-color']);
    expect(run.exitCode).toBe(1);
    expect(resultLines(run.stdout, 'failed')[0]).toMatch(/^! k0000: failed: .*\[InternalFailure, RequestId [0-9A-F-]{36}\]$/);
    expect(createRequests()).toBe(0);
  });
});

describe('the endpoint going away in the middle of an apply', () => {
  test('the report still names every key: created, the one that met the failure, and those not started', { timeout: 30_000 }, async () => {
    const world = await startReliabilityWorld(4);
    try {
      await world.setFaults({
        rules: [
          { action: 'DescribeKey', count: 5, effect: 'delay', ms: 0 }, // the plan's four reads and the first key's re-read
          { action: 'DescribeKey', count: 1, effect: 'delay', ms: 2_000 }, // the second key's re-read: the emulator goes away meanwhile
        ],
      });
      const running = world.cli(['apply', '--auto-approve', '--json', '--parallelism', '1']);
      while (world.emulator.faults.snapshot().fired < 6) await new Promise((resolve) => setTimeout(resolve, 10));
      await world.emulator.close();
      const run = await running;
      expect(run.exitCode).toBe(1);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE);
      const report = JSON.parse(run.stdout) as { results: { name: string; outcome: string; code?: string; message: string }[] };
      expect(report.results.map((r) => r.outcome)).toEqual(['created', 'failed', 'not-started', 'not-started']);
      expect(report.results[1]!.code).toMatch(/^transport\./);
      expect(report.results[2]!.message).toContain('apply stopped after a failure every key would meet');
    } finally {
      await world.close();
    }
  });
});
