/**
 * "Can this key get a version, and when": the one answer the planner and `show` both use. The rules of
 * the key's edition decide (src/service-rules: the classic shared KMS for a key outside any instance, the
 * KMS-instance edition for a key in one), all of them, kmsctl's stricter ones included where the instance
 * page is silent; then the key's own `maxVersions` from the config, which is kmsctl's cap, not the service's.
 */
import { evaluateCreateKeyVersion, type Edition, type KeyPlacement, type VersionRule } from '../service-rules/index.js';
import type { LiveKeyFacts } from '../state/live-state.js';
import { describePlacement, keyPlacement } from './key-placement.js';
import { lastVersionInstant, versionCap } from './limits.js';
import { ownCapError, ruleError } from './rule-errors.js';
import type { PlanError } from './types.js';

interface EligibilityBase {
  placement: KeyPlacement;
  edition: Edition;
  /** How reasons say where the key lives; undefined for a classic key. */
  placementText: string | undefined;
}

export type Eligibility =
  | (EligibilityBase & { status: 'allowed' })
  /** Only the interval stands in the way: a version is allowed from `earliestMs`. */
  | (EligibilityBase & { status: 'wait'; rule: VersionRule; earliestMs: number })
  /** A version is not allowed until something about the key changes; `rule` is undefined for the key's own maxVersions. */
  | (EligibilityBase & { status: 'refused'; rule: VersionRule | undefined; error: PlanError });

/**
 * Whether the key may get a version at `nowMs`. The version caps are checked only when `facts.versions`
 * was listed (the planner lists every key that wants a version; `show` lists every key).
 */
export function versionEligibility(facts: LiveKeyFacts, maxVersions: number | undefined, nowMs: number): Eligibility {
  const placement = keyPlacement(facts);
  const { metadata, versions } = facts;
  const verdict = evaluateCreateKeyVersion(
    {
      keyId: metadata.keyId,
      keySpec: metadata.keySpec,
      keyState: metadata.keyState,
      origin: metadata.origin,
      placement,
      versionCount: versions?.length,
      lastVersionMs: lastVersionInstant(metadata, versions),
    },
    nowMs,
  );
  // Literals, not `{ ...base, status }`: a spread object given properties of its own gets a hidden class of its own in Node 20 (README, "Memory").
  const { edition } = verdict;
  const placementText = describePlacement(placement, facts);
  if (!verdict.allowed && verdict.rule.topic !== 'interval') {
    return { placement, edition, placementText, status: 'refused', rule: verdict.rule, error: ruleError(verdict, placement, placementText, metadata.keyState) };
  }
  // The service's cap was checked above; the key's own lower cap is kmsctl's, checked before any wait.
  if (versions !== undefined && maxVersions !== undefined && versions.length >= versionCap(maxVersions)) {
    return { placement, edition, placementText, status: 'refused', rule: undefined, error: ownCapError(versions.length, maxVersions) };
  }
  if (!verdict.allowed) return { placement, edition, placementText, status: 'wait', rule: verdict.rule, earliestMs: verdict.earliestMs ?? nowMs };
  return { placement, edition, placementText, status: 'allowed' };
}
