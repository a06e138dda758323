/**
 * The one place the CLI calls into src/state and src/apply: reading live state (the fewest calls for a
 * plan, every version for `show`), reading one key, checking a saved plan against the keys, and
 * applying. Keys are addressed by (account, region) through the session's KeyApis.
 */
import { applyPlan, type ApplyOptions } from '../apply/apply-plan.js';
import type { ApplyReport } from '../apply/apply-report.js';
import { endpointMismatches, findStaleKeys, type StaleKey } from '../apply/check-saved-plan.js';
import type { DesiredKey } from '../config/desired-state.js';
import type { Plan } from '../plan/types.js';
import { asKeyApis } from '../state/key-api.js';
import type { LiveKey, LiveKeyFacts, LiveKeyRead, LiveState } from '../state/live-state.js';
import { readForPlan, readForShow, readKey, type ReadLiveStateOptions } from '../state/read-live-state.js';
import type { KmsSession } from './session.js';

/** What a plan needs of the declared keys, with the fewest calls (see src/state/read-live-state.ts). */
export async function readKeysForPlan(keys: readonly DesiredKey[], session: KmsSession, options: ReadLiveStateOptions): Promise<LiveState<LiveKeyFacts>> {
  return endOnLocationFailure(await readForPlan(keys, asKeyApis(session), { now: () => session.now(), ...options }));
}

/** Every declared key in full: its versions, and its instance's kind. */
export async function readKeysForShow(keys: readonly DesiredKey[], session: KmsSession, options: ReadLiveStateOptions): Promise<LiveState<LiveKey>> {
  return endOnLocationFailure(await readForShow(keys, asKeyApis(session), { now: () => session.now(), ...options }));
}

/**
 * A failure every key of a location met (credentials refused, no route to the endpoint) ends the run with
 * one message, as long as the run speaks as one identity: the keys would each repeat it.
 */
function endOnLocationFailure<K extends LiveKeyFacts>(state: LiveState<K>): LiveState<K> {
  const failure = state.failures?.[0];
  if (failure !== undefined) throw failure.error;
  return state;
}

/** One key by ID or alias in a region, as `import` reads it. */
export function readOneKey(session: KmsSession, region: string, keyId: string): Promise<LiveKeyRead> {
  return readKey(session.forRegion(region), keyId);
}

export function staleKeysOf(plan: Plan, session: KmsSession, parallelism: number, signal: AbortSignal): Promise<StaleKey[]> {
  return findStaleKeys(plan, session, parallelism, signal);
}

export function changedEndpoints(saved: Record<string, string>, session: KmsSession): string[] {
  return endpointMismatches(saved, session);
}

/** The endpoint of each region the plan's keys live in, recorded in a saved plan. */
export function endpointsOf(plan: Plan, session: KmsSession): Record<string, string> {
  const regions = [...new Set(plan.keys.map((key) => key.region))];
  return Object.fromEntries(regions.map((region) => [region, session.endpointFor(region)]));
}

export function applyWith(plan: Plan, session: KmsSession, options: ApplyOptions): Promise<ApplyReport> {
  return applyPlan(plan, asKeyApis(session), options);
}
