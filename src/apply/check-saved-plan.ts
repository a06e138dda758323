/**
 * Before a saved plan is applied, every key it would change is read again (only what the stale check
 * compares: see reread.ts), in its own account and region, and must look as the plan observed it;
 * otherwise the whole plan is refused as stale and nothing is created.
 */
import type { CreateKeyPlan, Plan } from '../plan/types.js';
import { asKeyApis, locationName, locationRef, type KeyApis, type RegionalKeyApis } from '../state/key-api.js';
import type { LocationFailure } from '../state/live-state.js';
import { classifyReadFailure } from '../state/read-failure.js';
import { groupByLocation, runByLocation } from '../state/run-by-location.js';
import { observedDifferences } from './observe.js';
import { rereadForCreate } from './reread.js';

export interface StaleKey {
  name: string;
  reasons: string[];
}

export interface SavedPlanCheck {
  /** Keys that changed since the plan, or could not be read: any of them makes the plan stale. */
  stale: StaleKey[];
  /**
   * Locations whose keys could not be read at all (the account's credentials, no route): their keys are
   * neither fresh nor stale. Applying goes on for the other locations, and fails these keys with the same error.
   */
  unreadable: LocationFailure[];
}

export interface SavedPlanCheckOptions {
  parallelism: number;
  perLocation?: number | undefined;
  signal?: AbortSignal | undefined;
}

export async function checkSavedPlan(plan: Plan, apis: KeyApis, options: SavedPlanCheckOptions): Promise<SavedPlanCheck> {
  const creates = plan.keys.filter((key): key is CreateKeyPlan => key.action === 'create');
  const groups = groupByLocation(creates, (key) => ({ account: key.account, region: key.region }));
  const unreadable = new Map<string, LocationFailure>();
  const checks = await runByLocation(groups, options, async (key, { location, halt }): Promise<StaleKey | undefined> => {
    try {
      const read = await rereadForCreate(apis.forLocation(location), key);
      if (read.status !== 'found') return { name: key.name, reasons: [`cannot be read: ${read.code}: ${read.message}`] };
      const reasons = key.observed ? observedDifferences(key.observed, read.now) : ['the plan holds no observation of it'];
      return reasons.length > 0 ? { name: key.name, reasons } : undefined;
    } catch (error) {
      const failure = classifyReadFailure(error);
      halt();
      if (!unreadable.has(locationRef(location))) unreadable.set(locationRef(location), { location, code: failure.code, message: failure.message, requestId: failure.requestId, error });
      return undefined;
    }
  });
  const stale = checks.flat().filter((check): check is StaleKey => check !== undefined);
  return { stale, unreadable: [...unreadable.values()] };
}

/** The stale keys; a location that cannot be read at all raises its failure (for callers that stop the run on it). */
export async function findStaleKeys(plan: Plan, apis: KeyApis | RegionalKeyApis, parallelism: number, signal?: AbortSignal): Promise<StaleKey[]> {
  const check = await checkSavedPlan(plan, asKeyApis(apis), { parallelism, signal });
  const failure = check.unreadable[0];
  if (failure !== undefined) throw failure.error;
  return check.stale;
}

/** Locations whose endpoint now differs from the one the plan read; the saved plan records endpoints by region. */
export function endpointMismatches(saved: Record<string, string>, apis: KeyApis | RegionalKeyApis): string[] {
  const keyApis = asKeyApis(apis);
  return Object.entries(saved).flatMap(([region, endpoint]) => {
    const location = { account: undefined, region };
    const now = keyApis.endpointFor(location);
    return now === endpoint ? [] : [`${locationName(location)}: the plan read ${endpoint}, this run would use ${now}`];
  });
}
