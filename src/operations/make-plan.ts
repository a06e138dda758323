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
import type { KmsSession } from './session.js';

export interface ReadOptions {
  parallelism: number;
  signal: AbortSignal;
  /** After each distinct key is read, for progress lines. */
  onKeyRead?: ((done: number, total: number) => void) | undefined;
}

/** Every declared key in full, for `show`. */
export function readLive(desired: DesiredState, session: KmsSession, options: ReadOptions): Promise<LiveState<LiveKey>> {
  return readKeysForShow(desired.keys, session, { parallelism: options.parallelism, signal: options.signal, onKeyRead: options.onKeyRead });
}

/**
 * Reads what the plan needs and plans it; the live state is dropped as soon as the plan holds what it
 * needs. `sources` (the config texts) let errors about two entries name both lines.
 */
export async function makePlan(desired: DesiredState, session: KmsSession, options: ReadOptions, sources?: SourceFiles): Promise<Plan> {
  const live = await readKeysForPlan(desired.keys, session, { parallelism: options.parallelism, signal: options.signal, onKeyRead: options.onKeyRead });
  return planKeys(desired, live, session.now(), { sources });
}
