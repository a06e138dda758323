/**
 * The one place the CLI calls into src/state and src/apply: reading live state, reading one key,
 * checking a saved plan against the keys, and applying. Every operation goes through these functions,
 * so when keys are addressed by (account, region) instead of region alone, this file is where the CLI
 * meets that change: today the session is handed over as the per-region KeyApis.
 */
import { applyPlan, type ApplyOptions } from '../apply/apply-plan.js';
import type { ApplyReport } from '../apply/apply-report.js';
import { endpointMismatches, findStaleKeys, type StaleKey } from '../apply/check-saved-plan.js';
import type { DesiredKey } from '../config/desired-state.js';
import type { Plan } from '../plan/types.js';
import type { LiveKeyRead, LiveState } from '../state/live-state.js';
import { readKey, readLiveState, type ReadLiveStateOptions } from '../state/read-live-state.js';
import type { KmsSession } from './session.js';

export function readKeys(keys: readonly DesiredKey[], session: KmsSession, options: ReadLiveStateOptions): Promise<LiveState> {
  return readLiveState(keys, session, options);
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
  return applyPlan(plan, session, options);
}
