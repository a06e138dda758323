/**
 * Planning as the commands need it: read the live state of the declared keys, then plan it against the
 * service's clock. `plan`, `apply`, `pin` and `show` all read through here.
 */
import type { DesiredState } from '../config/desired-state.js';
import { planKeys } from '../plan/planner.js';
import type { Plan } from '../plan/types.js';
import type { LiveState } from '../state/live-state.js';
import { readKeys } from './kms-calls.js';
import type { KmsSession } from './session.js';

export interface ReadOptions {
  parallelism: number;
  signal: AbortSignal;
  /** After each distinct key is read, for progress lines. */
  onKeyRead?: ((done: number, total: number) => void) | undefined;
}

/** The live state of the declared keys. */
export function readLive(desired: DesiredState, session: KmsSession, options: ReadOptions): Promise<LiveState> {
  return readKeys(desired.keys, session, { parallelism: options.parallelism, signal: options.signal, onKeyRead: options.onKeyRead });
}

/** Reads the live state and plans it; the live state is dropped as soon as the plan holds what it needs. */
export async function makePlan(desired: DesiredState, session: KmsSession, options: ReadOptions): Promise<Plan> {
  const live = await readLive(desired, session, options);
  return planKeys(desired, live, session.now());
}
