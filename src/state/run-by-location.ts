/**
 * Runs a task per item, items grouped by (account, region). Every location runs at once, each with its
 * own concurrency (at most `perLocation` of its items in flight), and at most `parallelism` items run in
 * all. Free slots go to the locations in turn, so a location whose quota makes its calls wait (the client
 * paces each location to its quotas) holds its share of the slots, never all of them: the others keep
 * going at their own pace. A location can be halted (a failure all its keys would meet): its items not
 * yet started are left, and the other locations go on.
 */
import { locationRef, type KeyLocation } from './key-api.js';

export interface LocationGroup<T> {
  location: KeyLocation;
  items: readonly T[];
}

export interface RunByLocationOptions {
  /** Items in flight over all locations. */
  parallelism: number;
  /** Items in flight per location; default `parallelism`. */
  perLocation?: number | undefined;
  /** Stops starting items once aborted. */
  signal?: AbortSignal | undefined;
}

export interface LocationTaskContext {
  location: KeyLocation;
  /** Starts no further item of this location. */
  halt(): void;
}

/**
 * The results per group, in item order; `undefined` for items never started (halted location, abort).
 * Resolves once every started item has finished; a task that throws rejects the whole run (a bug).
 */
export function runByLocation<T, R>(
  groups: readonly LocationGroup<T>[],
  options: RunByLocationOptions,
  task: (item: T, context: LocationTaskContext) => Promise<R>,
): Promise<(R | undefined)[][]> {
  const total = Math.max(1, options.parallelism);
  const perLocation = Math.max(1, options.perLocation ?? total);
  const states = groups.map((group) => ({
    group,
    next: 0,
    inFlight: 0,
    halted: false,
    results: new Array<R | undefined>(group.items.length).fill(undefined),
  }));
  let inFlight = 0;
  let turn = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    const startable = (s: (typeof states)[number]): boolean => !s.halted && s.next < s.group.items.length && s.inFlight < perLocation;
    const pump = (): void => {
      while (!failed && inFlight < total && options.signal?.aborted !== true) {
        const index = nextLocation();
        if (index === undefined) break;
        start(index);
      }
      if (inFlight === 0) resolve(states.map((s) => s.results));
    };
    // Round-robin over the locations that can start an item now.
    const nextLocation = (): number | undefined => {
      for (let tried = 0; tried < states.length; tried++) {
        const index = (turn + tried) % states.length;
        if (startable(states[index]!)) {
          turn = index + 1;
          return index;
        }
      }
      return undefined;
    };
    const start = (index: number): void => {
      const state = states[index]!;
      const position = state.next++;
      state.inFlight += 1;
      inFlight += 1;
      const context: LocationTaskContext = { location: state.group.location, halt: () => void (state.halted = true) };
      task(state.group.items[position] as T, context).then(
        (result) => {
          state.results[position] = result;
          state.inFlight -= 1;
          inFlight -= 1;
          pump();
        },
        (error: unknown) => {
          failed = true;
          reject(error);
        },
      );
    };
    pump();
  });
}

/** Groups items by their location, locations in order of first appearance, items in input order. */
export function groupByLocation<T>(items: readonly T[], locationOf: (item: T) => KeyLocation): LocationGroup<T>[] {
  const groups = new Map<string, { location: KeyLocation; items: T[] }>();
  for (const item of items) {
    const location = locationOf(item);
    const ref = locationRef(location);
    let group = groups.get(ref);
    if (!group) {
      group = { location: { account: location.account, region: location.region }, items: [] };
      groups.set(ref, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}
