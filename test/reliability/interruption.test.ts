/**
 * Guarantee: an interrupted apply stops cleanly. SIGINT or SIGTERM lets the CreateKeyVersion calls in
 * flight finish (an emulator `delay` fault holds them mid-flight), starts nothing new, reports what was
 * done (`Apply interrupted: ...`), exits 130, and the next plan is right: no key left wrong.
 */
import { execa, type ResultPromise } from 'execa';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { FaultConfig } from '../../src/emulator/faults/index.js';
import { KMSCTL_BIN } from '../e2e/run-kmsctl.js';
import { STACK_TRACE, resultLines, startReliabilityWorld, type ReliabilityWorld } from './harness.js';

const KEYS = 6;

describe('interrupting apply', () => {
  let world: ReliabilityWorld;

  beforeEach(async () => {
    world = await startReliabilityWorld(KEYS);
  });
  afterEach(() => world.close());

  function spawnApply(args: string[]): ResultPromise<{ reject: false }> {
    return execa('node', [KMSCTL_BIN, 'apply', '--auto-approve', '--no-color', ...args], {
      cwd: world.dir,
      env: { PATH: process.env.PATH ?? '', ...world.env },
      extendEnv: false,
      reject: false,
      timeout: 30_000,
    }) as ResultPromise<{ reject: false }>;
  }

  /** Waits until the emulator has injected `fired` faults: the requests they hold are in flight. */
  async function untilFaultsFired(fired: number): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (world.emulator.faults.snapshot().fired < fired) {
      if (Date.now() > deadline) throw new Error('the faults never fired');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async function interrupt(faults: FaultConfig, signal: NodeJS.Signals, args: string[], firedBeforeSignal: number) {
    await world.setFaults(faults);
    const child = spawnApply(args);
    await untilFaultsFired(firedBeforeSignal);
    child.kill(signal);
    const result = await child;
    await world.clearFaults();
    return result;
  }

  async function expectPlanIsRight(created: number): Promise<void> {
    const plan = await world.cli(['plan', '--json']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    const doc = JSON.parse(plan.stdout);
    expect(doc.summary).toMatchObject({ create: KEYS - created, no_op: created, error: 0 });
    const counts = [...(await world.versions()).values()].map((ids) => ids.length);
    expect(counts.filter((n) => n === 2)).toHaveLength(created);
    expect(counts.filter((n) => n === 1)).toHaveLength(KEYS - created);
  }

  test.each(['SIGINT', 'SIGTERM'] as const)('%s while CreateKeyVersion is in flight lets it finish, reports it, exits 130', async (signal) => {
    const result = await interrupt({ rules: [{ action: 'CreateKeyVersion', effect: 'delay', ms: 1200 }] }, signal, ['--parallelism', '2'], 2);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.exitCode, output).toBe(130);
    expect(output).not.toMatch(STACK_TRACE);
    expect(result.stderr).toContain(`Received ${signal}`);
    expect(resultLines(result.stdout, 'created')).toHaveLength(2);
    expect(resultLines(result.stdout, 'not-started')).toHaveLength(KEYS - 2);
    expect(result.stdout).toContain(`Apply interrupted: 2 created, 0 deferred, 0 failed, ${KEYS - 2} not started.`);
    await expectPlanIsRight(2);
  });

  test('SIGINT while the keys are read again before creating stops without creating, reports every key, exits 130', async () => {
    const faults: FaultConfig = {
      rules: [
        { action: 'DescribeKey', count: KEYS, effect: 'delay', ms: 0 }, // the plan's reads pass
        { action: 'DescribeKey', effect: 'delay', ms: 1500 }, // the re-reads before each create hang
      ],
    };
    const result = await interrupt(faults, 'SIGINT', ['--parallelism', '3'], KEYS + 3);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.exitCode, output).toBe(130);
    expect(output).not.toMatch(STACK_TRACE);
    expect(output).not.toContain('this is a bug');
    expect(result.stdout).toContain(`Apply interrupted: 0 created, 0 deferred, 0 failed, ${KEYS} not started.`);
    await expectPlanIsRight(0);
  });

  test('SIGINT while planning stops before anything is created, exits 130 without a stack trace', async () => {
    const result = await interrupt({ rules: [{ action: 'DescribeKey', effect: 'delay', ms: 1500 }] }, 'SIGINT', [], 1);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.exitCode, output).toBe(130);
    expect(output).not.toMatch(STACK_TRACE);
    expect(output).not.toContain('this is a bug');
    expect(result.stderr).toMatch(/interrupted/i);
    await expectPlanIsRight(0);
  });
});
