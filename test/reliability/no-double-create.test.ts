/**
 * Guarantee: no double create. Under 30% injected faults of every effect (errors, delays, resets,
 * answers dropped after the work was committed) on every action, repeated `kmsctl apply` runs over
 * 100 keys converge, and every key ends with exactly the versions its config asked for: none
 * missing, none extra. Every run that failed said which keys failed and why, with request IDs.
 *
 * The emulator clock moves 8 days before every run, so the service's 7-day rule would allow a second
 * version each time: only kmsctl's own care (recovery by listing, matching in the plan) prevents one.
 * Within a run, a blind retry of CreateKeyVersion would meet the 7-day rule: the emulator's stats
 * must show no such rejection at all.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FaultConfig } from '../../src/emulator/faults/index.js';
import { STACK_TRACE, firstVersionOf, resultLines, startReliabilityWorld, type ReliabilityWorld } from './harness.js';
import type { KmsctlRun } from '../e2e/run-kmsctl.js';

const KEYS = 100;
const MAX_RUNS = 10;

/** About 30% of all requests hit (1 - 0.94·0.98·0.98·0.92³ ≈ 0.30), every effect on every action. */
function thirtyPercentFaults(seed: number): FaultConfig {
  return {
    seed,
    rules: [
      { action: '*', probability: 0.06, effect: 'error', status: 500, code: 'InternalFailure' },
      { action: '*', probability: 0.02, effect: 'error', status: 503, code: 'ServiceUnavailableTemporary' },
      { action: '*', probability: 0.02, effect: 'error', status: 429, code: 'Rejected.Throttling' },
      { action: '*', probability: 0.08, effect: 'delay', ms: 15 },
      { action: '*', probability: 0.08, effect: 'reset' },
      { action: '*', probability: 0.08, effect: 'drop-after-commit' },
    ],
  };
}

/** A run that failed must name each failed key with a code, and a RequestId whenever the service answered. */
function expectFailuresExplained(run: KmsctlRun): void {
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output, 'no stack trace').not.toMatch(STACK_TRACE);
  expect(output).not.toContain('this is a bug');
  expect(run.stderr, 'no warnings from node (e.g. MaxListenersExceededWarning)').not.toMatch(/Warning:/);
  if (run.exitCode === 0) return;
  expect(run.exitCode).toBe(1);
  const failed = resultLines(run.stdout, 'failed');
  expect(failed.length, `a failed run names the keys that failed:\n${output}`).toBeGreaterThan(0);
  expect(run.stdout).toMatch(/Apply complete: \d+ created, \d+ deferred, [1-9]\d* failed/);
  for (const line of failed) {
    const ids = /\[([^\]]+)\]$/.exec(line)?.[1];
    expect(ids, `the failure says why, with a code: ${line}`).toBeDefined();
    if (!ids!.startsWith('transport.')) expect(ids, `an answer's failure has its RequestId: ${line}`).toMatch(/RequestId [0-9A-F-]{36}/);
  }
}

describe('no double create under 30% faults', () => {
  let world: ReliabilityWorld;

  beforeAll(async () => {
    world = await startReliabilityWorld(KEYS);
  });
  afterAll(() => world.close());

  test('repeated applies over 100 keys converge to exactly the versions asked for', { timeout: 120_000 }, async () => {
    const runs: KmsctlRun[] = [];
    let converged = false;
    for (let attempt = 1; attempt <= MAX_RUNS && !converged; attempt++) {
      await world.advanceClock('8d');
      await world.setFaults(thirtyPercentFaults(attempt));
      const args = ['apply', '--auto-approve', '--no-color', '--parallelism', '20'];
      // The first run is the built CLI in a child process, as users run it; the others run in-process.
      const run = attempt === 1 ? await world.spawn(args) : await world.cli(args);
      runs.push(run);
      if (process.env.RELIABILITY_DEBUG) console.log(`run ${attempt}: exit ${run.exitCode}\n${run.stdout.split("\n").filter((l) => /^[!~]|Apply/.test(l)).join("\n")}\n${run.stderr}`);
      expectFailuresExplained(run);
      await world.clearFaults();
      const plan = await world.cli(['plan', '--json']);
      expect(plan.exitCode, plan.stderr).toBe(0);
      const summary = JSON.parse(plan.stdout).summary as { create: number; error: number };
      converged = summary.create === 0 && summary.error === 0;
    }
    expect(converged, `converged within ${MAX_RUNS} runs`).toBe(true);
    expect(runs.some((run) => run.exitCode !== 0 || /recovered|confirmed by listing/.test(run.stdout)), 'the faults did bite').toBe(true);

    const versions = await world.versions();
    world.keyIds.forEach((keyId, index) => {
      const ids = versions.get(keyId) ?? [];
      expect(ids, `${keyId} has its pinned version and exactly one more`).toHaveLength(2);
      expect(ids[0]).toBe(firstVersionOf(index));
    });
    const stats = world.emulator.stats();
    expect(stats.errorCodes['Rejected.UnsupportedOperation'] ?? 0, 'no CreateKeyVersion was ever sent for a key that had its version').toBe(0);
    expect(stats.errorCodes['Rejected.LimitExceeded'] ?? 0).toBe(0);
  });
});
