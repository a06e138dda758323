import { describe, expect, it } from 'vitest';
import { groupByLocation, runByLocation, type LocationGroup } from '../../src/state/run-by-location.js';

/** Tasks that finish only when released, recording how many run at once, in all and per location. */
function gate() {
  const waiting: (() => void)[] = [];
  const inFlight = new Map<string, number>();
  const peak = { total: 0, perLocation: new Map<string, number>() };
  let total = 0;
  const task = async (item: string, { location }: { location: { account: string | undefined; region: string } }): Promise<string> => {
    const name = `${location.account}/${location.region}`;
    total += 1;
    inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
    peak.total = Math.max(peak.total, total);
    peak.perLocation.set(name, Math.max(peak.perLocation.get(name) ?? 0, inFlight.get(name)!));
    await new Promise<void>((resolve) => waiting.push(resolve));
    total -= 1;
    inFlight.set(name, inFlight.get(name)! - 1);
    return item.toUpperCase();
  };
  /** Releases every waiting task, again and again, until `done` settles. */
  const drain = async <T>(done: Promise<T>): Promise<T> => {
    let settled = false;
    void done.finally(() => (settled = true));
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      waiting.splice(0).forEach((release) => release());
    }
    return done;
  };
  return { task, drain, peak, inFlightByLocation: () => Object.fromEntries(inFlight) };
}

const groups = (counts: number[]): LocationGroup<string>[] =>
  counts.map((count, g) => ({ location: { account: `acct${g}`, region: 'cn-hangzhou' }, items: Array.from({ length: count }, (_, i) => `g${g}-${i}`) }));

describe('runByLocation', () => {
  it('keeps results in item order per location', async () => {
    const { task, drain } = gate();
    expect(await drain(runByLocation(groups([3, 2]), { parallelism: 4 }, task))).toEqual([
      ['G0-0', 'G0-1', 'G0-2'],
      ['G1-0', 'G1-1'],
    ]);
  });

  it('never runs more than the total bound, nor more than the bound of a location', async () => {
    const { task, drain, peak } = gate();
    await drain(runByLocation(groups([20, 20, 20]), { parallelism: 5, perLocation: 2 }, task));
    expect(peak.total).toBe(5);
    expect(Math.max(...peak.perLocation.values())).toBe(2);
  });

  it('shares the slots among the locations from the start, so every location runs at once', async () => {
    const { task, drain, inFlightByLocation } = gate();
    const run = runByLocation(groups([10, 10, 10]), { parallelism: 6 }, task);
    expect(inFlightByLocation()).toEqual({ 'acct0/cn-hangzhou': 2, 'acct1/cn-hangzhou': 2, 'acct2/cn-hangzhou': 2 });
    await drain(run);
  });

  it('gives the slots of a finished location to the others', async () => {
    const { task, drain, peak } = gate();
    await drain(runByLocation(groups([1, 12]), { parallelism: 4 }, task));
    expect(peak.perLocation.get('acct1/cn-hangzhou')).toBe(4);
  });

  it('starts nothing more in a halted location and goes on with the others', async () => {
    const started: string[] = [];
    const results = await runByLocation(groups([5, 3]), { parallelism: 1 }, async (item, { halt }) => {
      started.push(item);
      if (item === 'g0-1') halt();
      return item;
    });
    expect(started).toEqual(['g0-0', 'g1-0', 'g0-1', 'g1-1', 'g1-2']);
    expect(results).toEqual([
      ['g0-0', 'g0-1', undefined, undefined, undefined],
      ['g1-0', 'g1-1', 'g1-2'],
    ]);
  });

  it('starts nothing once the signal is aborted', async () => {
    const controller = new AbortController();
    const results = await runByLocation(groups([3, 3]), { parallelism: 1, signal: controller.signal }, async (item) => {
      controller.abort();
      return item;
    });
    expect(results.flat().filter((r) => r !== undefined)).toEqual(['g0-0']);
  });

  it('resolves at once with nothing to run', async () => {
    expect(await runByLocation(groups([0, 0]), { parallelism: 3 }, async (item) => item)).toEqual([[], []]);
  });

  it('rejects when a task throws (a bug, not a key’s failure)', async () => {
    await expect(runByLocation(groups([2]), { parallelism: 1 }, async () => Promise.reject(new Error('bug')))).rejects.toThrow('bug');
  });
});

describe('groupByLocation', () => {
  it('groups by account and region, in order of first appearance', () => {
    const items = [
      { n: 1, account: undefined, region: 'cn-hangzhou' },
      { n: 2, account: 'a', region: 'cn-hangzhou' },
      { n: 3, account: undefined, region: 'cn-hangzhou' },
      { n: 4, account: 'a', region: 'cn-shanghai' },
    ];
    const grouped = groupByLocation(items, (item) => item);
    expect(grouped.map((g) => [g.location.account, g.location.region, g.items.map((i) => i.n)])).toEqual([
      [undefined, 'cn-hangzhou', [1, 3]],
      ['a', 'cn-hangzhou', [2]],
      ['a', 'cn-shanghai', [4]],
    ]);
  });
});
