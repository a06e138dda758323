/**
 * The one place the CLI calls into src/state and src/apply: reading live state (the fewest calls for a
 * plan, every version for `show`), reading one key, checking a saved plan against the keys, and
 * applying. Keys are addressed by (account, region): each through its own account's client, never
 * another's. A location whose keys cannot be read fails only those keys (location-problems.ts).
 */
import { applyPlan, type ApplyOptions } from '../apply/apply-plan.js';
import type { ApplyReport } from '../apply/apply-report.js';
import { checkSavedPlan, type StaleKey } from '../apply/check-saved-plan.js';
import type { DesiredKey } from '../config/desired-state.js';
import type { Plan } from '../plan/types.js';
import { locationName, type KeyLocation } from '../state/key-api.js';
import type { LiveKey, LiveKeyFacts, LiveKeyRead, LiveState } from '../state/live-state.js';
import { readForShow, readKey, streamForPlan, type ReadLiveStateOptions } from '../state/read-live-state.js';
import { settleLocationFailures, type LocationProblem } from './location-problems.js';
import type { KmsSession } from './session.js';

export interface LiveRead<K extends LiveKeyFacts> {
  live: LiveState<K>;
  /** One per location none of whose keys could be read; those keys are in `live` as failed reads. */
  problems: LocationProblem[];
}

/**
 * What a plan needs of the declared keys, with the fewest calls (see src/state/read-live-state.ts), each
 * key's read handed to `onRead` as soon as it is made and then dropped; the locations that could not be read.
 */
export async function streamKeysForPlan(
  keys: readonly DesiredKey[],
  session: KmsSession,
  options: ReadLiveStateOptions,
  onRead: (entries: readonly DesiredKey[], read: LiveKeyRead<LiveKeyFacts>) => void,
): Promise<LocationProblem[]> {
  const failures = await streamForPlan(keys, session, { now: () => session.now(), ...options }, onRead);
  return settleLocationFailures(keys, { keys: new Map(), failures });
}

/** Every declared key in full: its versions, and its instance's kind. */
export async function readKeysForShow(keys: readonly DesiredKey[], session: KmsSession, options: ReadLiveStateOptions): Promise<LiveRead<LiveKey>> {
  const live = await readForShow(keys, session, { now: () => session.now(), ...options });
  return { live, problems: settleLocationFailures(keys, live) };
}

/** One key by ID or alias in a location, as `import` reads it. */
export function readOneKey(session: KmsSession, location: KeyLocation, keyId: string): Promise<LiveKeyRead> {
  return readKey(session.forLocation(location), keyId);
}

export interface SavedPlanFreshness {
  /** Keys that changed in their account since the plan (or could not be read): the plan is stale. */
  stale: StaleKey[];
  /** Locations none of whose keys could be read: apply fails their keys and goes on with the others. */
  problems: LocationProblem[];
}

/** Reads every key a saved plan creates again, each in its own account, and compares it with what the plan saw. */
export async function savedPlanFreshness(plan: Plan, session: KmsSession, parallelism: number, signal: AbortSignal): Promise<SavedPlanFreshness> {
  const check = await checkSavedPlan(plan, session, { parallelism, signal });
  const keys = plan.keys.filter((key) => key.action === 'create');
  return { stale: check.stale, problems: settleLocationFailures(keys, { keys: new Map(), failures: check.unreadable }) };
}

/** Locations whose endpoint now differs from the one the plan read (`account/region`, or the region for the base identity). */
export function changedEndpoints(saved: Readonly<Record<string, string>>, plan: Plan, session: KmsSession): string[] {
  return locationsOf(plan).flatMap((location) => {
    const name = locationName(location);
    const then = saved[name];
    const now = session.endpointFor(location);
    if (then === undefined) return [`${name}: the plan recorded no endpoint for it`];
    return then === now ? [] : [`${name}: the plan read ${then}, this run would use ${now}`];
  });
}

/** The endpoint of each location the plan's keys live in, by location name, recorded in a saved plan. */
export function endpointsOf(plan: Plan, session: KmsSession): Record<string, string> {
  return Object.fromEntries(locationsOf(plan).map((location) => [locationName(location), session.endpointFor(location)]));
}

function locationsOf(plan: Plan): KeyLocation[] {
  const seen = new Map<string, KeyLocation>();
  for (const key of plan.keys) seen.set(locationName(key), { account: key.account, region: key.region });
  return [...seen.values()];
}

/** Creates the plan's versions, each with its key's own account's client. */
export function applyWith(plan: Plan, session: KmsSession, options: ApplyOptions): Promise<ApplyReport> {
  return applyPlan(plan, session, options);
}
