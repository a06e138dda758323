/**
 * The plan model back from its JSON (the `plan` of a saved plan file): the inverse of planBodyToJson.
 * The caller has checked the structure against schemas/saved-plan.schema.json first; this only renames.
 */
import { summarisePlan } from '../plan/summary.js';
import { assertNever, type KeyPlan, type ObservedKey, type Plan, type PlannedVersion } from '../plan/types.js';
import type { KeyPlanJson, ObservedKeyJson, PlanBodyJson, PlannedVersionJson } from './plan-json.js';

export function planFromJson(body: PlanBodyJson): Plan {
  const keys = body.keys.map(keyFromJson);
  return { createdAt: body.created_at, keys, summary: summarisePlan(keys) };
}

/** Each action's plan as one literal, not spread from shared parts (README, "Memory": a hidden class per key otherwise). */
function keyFromJson(json: KeyPlanJson): KeyPlan {
  const { name, key_id: keyId, region, reason } = json;
  const account = json.account ?? undefined;
  const matches = json.matches.map((m) => ({ entry: m.entry, label: m.label ?? undefined, versionId: m.version_id, creationDate: m.creation_date, pinned: m.pinned }));
  const drift = json.drift.map((d) => ({ versionId: d.version_id, creationDate: d.creation_date }));
  const observed = observedFromJson(json.observed);
  switch (json.action) {
    case 'no-op':
      return { name, keyId, account, region, action: 'no-op', reason, matches, drift, observed, dueSoon: json.due_soon ?? undefined };
    case 'create':
      return { name, keyId, account, region, action: 'create', reason, matches, drift, observed, create: versionFromJson(json.create), remaining: json.remaining, nextEarliest: json.next_earliest ?? undefined };
    case 'deferred':
      return { name, keyId, account, region, action: 'deferred', reason, matches, drift, observed, create: versionFromJson(json.create), wanted: json.wanted, earliest: json.earliest };
    case 'error': {
      const { code, message, hint, api_code, request_id } = json.error;
      const error = { code, message, hint: hint ?? undefined, apiCode: api_code ?? undefined, requestId: request_id ?? undefined };
      return { name, keyId, account, region, action: 'error', reason, matches, drift, observed, error };
    }
    default:
      return assertNever(json, 'key plan');
  }
}

function observedFromJson(json: ObservedKeyJson | null): ObservedKey | undefined {
  if (json === null) return undefined;
  return {
    keyId: json.key_id,
    arn: json.arn ?? undefined,
    versionsListed: json.versions_listed,
    keyState: json.key_state,
    lastRotationDate: json.last_rotation_date ?? undefined,
    primaryKeyVersion: json.primary_key_version ?? undefined,
    versionIds: [...json.version_ids],
  };
}

function versionFromJson(json: PlannedVersionJson): PlannedVersion {
  return { cause: json.cause, entry: json.entry ?? undefined, label: json.label ?? undefined };
}
