/**
 * Planning as the commands need it: read what the plan needs of the declared keys, then plan it against
 * the service's clock. `plan`, `apply` and `pin` plan through here; `show` reads every key in full.
 */
import type { DesiredState } from '../config/desired-state.js';
import type { SourceFiles } from '../diagnostics/source-files.js';
import { planKeys } from '../plan/planner.js';
import type { Plan } from '../plan/types.js';
import type { LiveKey, LiveState } from '../state/live-state.js';
import { readKeysForPlan, readKeysForShow } from './kms-calls.js';
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
 * Reads what the plan needs and plans it; the live state is dropped as soon as the plan holds what it
 * needs. `sources` (the config texts) let errors about two entries name both lines.
 */
export async function makePlan(desired: DesiredState, session: KmsSession, options: ReadOptions, sources?: SourceFiles): Promise<PlanRun> {
  const { live, problems } = await readKeysForPlan(desired.keys, session, { parallelism: options.parallelism, signal: options.signal, onKeyRead: options.onKeyRead });
  return { plan: planKeys(desired, live, session.now(), { sources }), problems };
}
