/**
 * Planning as the commands need it: read what the plan needs of the declared keys and plan each as its
 * read arrives, against the service's clock. `plan`, `apply` and `pin` plan through here; `show` reads every key in full.
 */
import type { DesiredState } from '../config/desired-state.js';
import type { SourceFiles } from '../diagnostics/source-files.js';
import { PlanBuilder } from '../plan/planner.js';
import type { Plan } from '../plan/types.js';
import type { LiveKey, LiveState } from '../state/live-state.js';
import { readKeysForShow, streamKeysForPlan } from './kms-calls.js';
import type { LocationProblem } from './location-problems.js';
import type { KmsSession } from './session.js';

export interface ReadOptions {
  parallelism: number;
  signal: AbortSignal;
  /** After each distinct key is read, for progress lines. */
  onKeyRead?: ((done: number, total: number) => void) | undefined;
}

/** A plan, and the locations none of whose keys could be read (their keys are errors in the plan). */
export interface PlanRun {
  plan: Plan;
  problems: LocationProblem[];
}

/** Every declared key in full, for `show`, and the locations that could not be read. */
export async function readLive(desired: DesiredState, session: KmsSession, options: ReadOptions): Promise<{ live: LiveState<LiveKey>; problems: LocationProblem[] }> {
  return readKeysForShow(desired.keys, session, { parallelism: options.parallelism, signal: options.signal, onKeyRead: options.onKeyRead });
}

/**
 * Reads what the plan needs and plans each key as soon as its read arrives, as of the service's clock
 * at that moment, then drops the read: the live state of a whole fleet never exists at once (with every
 * version pinned, it would be as large as the plan). `sources` (the config texts) let errors about two
 * entries name both lines. The plan's time is when the last read arrived.
 */
export async function makePlan(desired: DesiredState, session: KmsSession, options: ReadOptions, sources?: SourceFiles): Promise<PlanRun> {
  const builder = new PlanBuilder(desired, { sources });
  const problems = await streamKeysForPlan(desired.keys, session, { parallelism: options.parallelism, signal: options.signal, onKeyRead: options.onKeyRead }, (entries, read) => {
    const nowMs = session.now().getTime();
    for (const entry of entries) builder.add(entry, read, nowMs);
  });
  return { plan: builder.finish(session.now().getTime()), problems };
}
