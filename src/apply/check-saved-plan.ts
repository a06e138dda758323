/**
 * Before a saved plan is applied, every key it would change is read again and must look as the plan
 * observed it; otherwise the whole plan is refused as stale and nothing is created.
 */
import type { Plan } from '../plan/types.js';
import type { RegionalKeyApis } from '../state/key-api.js';
import { readKey } from '../state/read-live-state.js';
import { runBounded } from '../state/run-bounded.js';
import { observedDifferences, observeKey } from './observe.js';

export interface StaleKey {
  name: string;
  reasons: string[];
}

export async function findStaleKeys(plan: Plan, apis: RegionalKeyApis, parallelism: number, signal?: AbortSignal): Promise<StaleKey[]> {
  const creates = plan.keys.filter((key) => key.action === 'create');
  const checks = await runBounded(
    creates,
    parallelism,
    async (key): Promise<StaleKey | undefined> => {
      const read = await readKey(apis.forRegion(key.region), key.observed?.keyId ?? key.keyId);
      if (read.status !== 'found') return { name: key.name, reasons: [`cannot be read: ${read.code}: ${read.message}`] };
      const reasons = key.observed ? observedDifferences(key.observed, observeKey(read.key)) : ['the plan holds no observation of it'];
      return reasons.length > 0 ? { name: key.name, reasons } : undefined;
    },
    signal,
  );
  return checks.filter((check): check is StaleKey => check !== undefined);
}

/** Regions whose endpoint now differs from the one the plan read. */
export function endpointMismatches(saved: Record<string, string>, apis: RegionalKeyApis): string[] {
  return Object.entries(saved)
    .filter(([region, endpoint]) => apis.endpointFor(region) !== endpoint)
    .map(([region, endpoint]) => `${region}: the plan read ${endpoint}, this run would use ${apis.endpointFor(region)}`);
}
