/**
 * The plan model back from its JSON (the `plan` of a saved plan file): the inverse of planBodyToJson.
 * The caller has checked the structure against schemas/saved-plan.schema.json first; this only renames.
 */
import { summarisePlan } from '../plan/summary.js';
import { assertNever, type KeyPlan, type Plan, type PlannedVersion } from '../plan/types.js';
import type { KeyPlanJson, PlanBodyJson, PlannedVersionJson } from './plan-json.js';

export function planFromJson(body: PlanBodyJson): Plan {
  const keys = body.keys.map(keyFromJson);
  return { createdAt: body.created_at, keys, summary: summarisePlan(keys) };
}

function keyFromJson(json: KeyPlanJson): KeyPlan {
  const base = {
    name: json.name,
    account: json.account ?? undefined,
    keyId: json.key_id,
    region: json.region,
    reason: json.reason,
    matches: json.matches.map((m) => ({ entry: m.entry, label: m.label ?? undefined, versionId: m.version_id, creationDate: m.creation_date, pinned: m.pinned })),
    drift: json.drift.map((d) => ({ versionId: d.version_id, creationDate: d.creation_date })),
    observed:
      json.observed === null
        ? undefined
        : {
            keyId: json.observed.key_id,
            arn: json.observed.arn ?? undefined,
            versionsListed: json.observed.versions_listed,
            keyState: json.observed.key_state,
            lastRotationDate: json.observed.last_rotation_date ?? undefined,
            primaryKeyVersion: json.observed.primary_key_version ?? undefined,
            versionIds: [...json.observed.version_ids],
          },
  };
  switch (json.action) {
    case 'no-op':
      return { ...base, action: 'no-op', dueSoon: json.due_soon ?? undefined };
    case 'create':
      return { ...base, action: 'create', create: versionFromJson(json.create), remaining: json.remaining, nextEarliest: json.next_earliest ?? undefined };
    case 'deferred':
      return { ...base, action: 'deferred', create: versionFromJson(json.create), wanted: json.wanted, earliest: json.earliest };
    case 'error': {
      const { code, message, hint, api_code, request_id } = json.error;
      return { ...base, action: 'error', error: { code, message, hint: hint ?? undefined, apiCode: api_code ?? undefined, requestId: request_id ?? undefined } };
    }
    default:
      return assertNever(json, 'key plan');
  }
}

function versionFromJson(json: PlannedVersionJson): PlannedVersion {
  return { cause: json.cause, entry: json.entry ?? undefined, label: json.label ?? undefined };
}
