/** The plan's counts, derived from the per-key outcomes only, so they can never disagree with them. */
import { assertNever, type KeyPlan, type PlanSummary } from './types.js';

/**
 * One key, one outcome: `create`, `deferred`, `error` and `noop` count keys by their action and add up
 * to the number of keys. A key that gets a version now and wants more later is a `create` (its line says
 * what comes later). `drift` counts live versions nothing declares, over all keys.
 */
export function summarisePlan(keys: readonly KeyPlan[]): PlanSummary {
  const summary: PlanSummary = { create: 0, deferred: 0, error: 0, noop: 0, drift: 0 };
  for (const key of keys) {
    summary.drift += key.drift.length;
    switch (key.action) {
      case 'no-op':
        summary.noop += 1;
        break;
      case 'create':
        summary.create += 1;
        break;
      case 'deferred':
        summary.deferred += 1;
        break;
      case 'error':
        summary.error += 1;
        break;
      default:
        assertNever(key, 'key plan');
    }
  }
  return summary;
}
