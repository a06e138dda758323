/**
 * The one read a report needs: every declared key in full (`readLive`, as `show` reads it), then the
 * plan made from that same read by the planner `makePlan` uses. One read instead of two (makePlan's and
 * readLive's) halves the calls, and the timeline and the plan describe the same instant of the fleet.
 */
import type { DesiredState } from '../config/desired-state.js';
import type { SourceFiles } from '../diagnostics/source-files.js';
import { readLive, type ReadOptions } from '../operations/make-plan.js';
import type { LocationProblem } from '../operations/location-problems.js';
import type { KmsSession } from '../operations/session.js';
import { planKeys } from '../plan/planner.js';
import type { Plan } from '../plan/types.js';
import type { LiveKey, LiveState } from '../state/live-state.js';

export interface FleetRead {
  live: LiveState<LiveKey>;
  plan: Plan;
  /** Locations none of whose keys could be read (their keys are errors in the plan). */
  problems: LocationProblem[];
}

export async function readFleet(desired: DesiredState, session: KmsSession, options: ReadOptions, sources?: SourceFiles): Promise<FleetRead> {
  const { live, problems } = await readLive(desired, session, options);
  return { live, plan: planKeys(desired, live, session.now(), { sources }), problems };
}
