/**
 * A full garbage collection between the phases of a large run. Reading a config, reading the keys
 * and writing the plan each leave garbage the next phase does not need; V8 left to itself grows the
 * heap over all of them before it collects, and a 10,000-key plan peaked at about 180 MB where
 * collecting between phases keeps it near 150 MB. A collection costs a few milliseconds per 10 MB of
 * live data, so runs of fewer keys than LARGE_RUN_KEYS skip it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const LARGE_RUN_KEYS = 1000;

let collect: (() => void) | undefined;

export function collectGarbageBetweenPhases(keys: number): void {
  if (keys < LARGE_RUN_KEYS) return;
  if (collect === undefined) {
    // V8 installs `gc` in contexts made after --expose-gc is set; a new context's `gc` collects the whole heap.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
