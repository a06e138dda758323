/**
 * The plan as JSON (`kmsctl plan --json`, and the `plan` of a saved plan file), validated by
 * `schemas/plan.schema.json`. The naming convention of every kmsctl document (render/json-format.ts):
 * snake_case names, every field present, `null` for an absent value.
 */
import type { LocationProblem } from '../operations/location-problems.js';
import { assertNever, type CreateCause, type KeyPlan, type Plan, type PlanAction, type PlannedVersion } from '../plan/types.js';
import { JSON_FORMAT_VERSION } from './json-format.js';
import { locationFailureToJson, summaryToJson, type LocationFailureJson, type PlanSummaryJson } from './plan-json-summary.js';

export type { PlanSummaryJson } from './plan-json-summary.js';

export interface VersionMatchJson {
  entry: number;
  label: string | null;
  version_id: string;
  creation_date: string;
  pinned: boolean;
}

export interface DriftVersionJson {
  version_id: string;
  creation_date: string;
}

export interface ObservedKeyJson {
  key_id: string;
  arn: string | null;
  versions_listed: boolean;
  key_state: string;
  last_rotation_date: string | null;
  primary_key_version: string | null;
  version_ids: string[];
}

export interface PlannedVersionJson {
  cause: CreateCause;
  entry: number | null;
  label: string | null;
}

export interface PlanErrorJson {
  code: string;
  message: string;
  hint: string | null;
  api_code: string | null;
  request_id: string | null;
}

interface KeyPlanJsonBase {
  name: string;
  account: string | null;
  key_id: string;
  region: string;
  action: PlanAction;
  reason: string;
  matches: VersionMatchJson[];
  drift: DriftVersionJson[];
  observed: ObservedKeyJson | null;
}

export interface NoOpKeyPlanJson extends KeyPlanJsonBase {
  action: 'no-op';
  due_soon: string | null;
}

export interface CreateKeyPlanJson extends KeyPlanJsonBase {
  action: 'create';
  create: PlannedVersionJson;
  remaining: number;
  next_earliest: string | null;
}

export interface DeferredKeyPlanJson extends KeyPlanJsonBase {
  action: 'deferred';
  create: PlannedVersionJson;
  wanted: number;
  earliest: string;
}

export interface ErrorKeyPlanJson extends KeyPlanJsonBase {
  action: 'error';
  error: PlanErrorJson;
}

export type KeyPlanJson = NoOpKeyPlanJson | CreateKeyPlanJson | DeferredKeyPlanJson | ErrorKeyPlanJson;

/** The plan itself: what a saved plan file holds under `plan`. */
export interface PlanBodyJson {
  created_at: string;
  keys: KeyPlanJson[];
  summary: PlanSummaryJson;
}

export interface PlanJson extends PlanBodyJson {
  format_version: string;
  kmsctl_version: string;
  location_failures: LocationFailureJson[];
  fail_on_drift: boolean;
}

/** What the plan document says besides the plan: the locations that could not be read, and whether drift fails the run. */
export interface PlanJsonMeta {
  kmsctlVersion: string;
  problems?: readonly LocationProblem[] | undefined;
  /** `plan --fail-on-drift`: drift makes the run fail (exit 1). */
  failOnDrift?: boolean | undefined;
}

/** The JSON document of a plan. Serialise with JSON.stringify; nothing in it is undefined. */
export function planToJson(plan: Plan, meta: PlanJsonMeta): PlanJson {
  const { created_at, keys, summary } = planBodyToJson(plan);
  return { format_version: JSON_FORMAT_VERSION, kmsctl_version: meta.kmsctlVersion, created_at, fail_on_drift: meta.failOnDrift === true, location_failures: (meta.problems ?? []).map(locationFailureToJson), keys, summary };
}

export function planBodyToJson(plan: Plan): PlanBodyJson {
  return { created_at: plan.createdAt, keys: plan.keys.map(keyToJson), summary: summaryToJson(plan) };
}

/**
 * The text of `JSON.stringify(planToJson(plan, meta), null, 2)` and a newline, in pieces of about
 * 64 KB: a plan of 10,000 keys is some 10 MB of JSON, and writing it key by key spares holding both
 * the document and its text in memory at once.
 */
export function* planJsonText(plan: Plan, meta: PlanJsonMeta): Generator<string> {
  const envelope = {
    format_version: JSON_FORMAT_VERSION,
    kmsctl_version: meta.kmsctlVersion,
    created_at: plan.createdAt,
    fail_on_drift: meta.failOnDrift === true,
    location_failures: (meta.problems ?? []).map(locationFailureToJson),
  };
  const head = JSON.stringify(envelope, null, 2);
  let chunk = `${head.slice(0, -2)},\n  "keys": [`;
  for (const [i, key] of plan.keys.entries()) {
    chunk += `${i === 0 ? '' : ','}\n    ${JSON.stringify(keyToJson(key), null, 2).replace(/\n/g, '\n    ')}`;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${plan.keys.length === 0 ? ']' : '\n  ]'},\n  "summary": ${JSON.stringify(summaryToJson(plan), null, 2).replace(/\n/g, '\n  ')}\n}\n`;
}

export function keyToJson(key: KeyPlan): KeyPlanJson {
  const head = { name: key.name, account: key.account ?? null, key_id: key.keyId, region: key.region };
  const reason = key.reason;
  const tail = {
    matches: key.matches.map((m) => ({ entry: m.entry, label: m.label ?? null, version_id: m.versionId, creation_date: m.creationDate, pinned: m.pinned })),
    drift: key.drift.map((d) => ({ version_id: d.versionId, creation_date: d.creationDate })),
    observed:
      key.observed === undefined
        ? null
        : {
            key_id: key.observed.keyId,
            arn: key.observed.arn ?? null,
            versions_listed: key.observed.versionsListed ?? true,
            key_state: key.observed.keyState,
            last_rotation_date: key.observed.lastRotationDate ?? null,
            primary_key_version: key.observed.primaryKeyVersion ?? null,
            version_ids: [...key.observed.versionIds],
          },
  };
  switch (key.action) {
    case 'no-op':
      return { ...head, action: 'no-op', reason, due_soon: key.dueSoon ?? null, ...tail };
    case 'create':
      return { ...head, action: 'create', reason, create: versionToJson(key.create), remaining: key.remaining, next_earliest: key.nextEarliest ?? null, ...tail };
    case 'deferred':
      return { ...head, action: 'deferred', reason, create: versionToJson(key.create), wanted: key.wanted, earliest: key.earliest, ...tail };
    case 'error': {
      const { code, message, hint, apiCode, requestId } = key.error;
      const error = { code, message, hint: hint ?? null, api_code: apiCode ?? null, request_id: requestId ?? null };
      return { ...head, action: 'error', reason, error, ...tail };
    }
    default:
      return assertNever(key, 'key plan');
  }
}

function versionToJson(version: PlannedVersion): PlannedVersionJson {
  return { cause: version.cause, entry: version.entry ?? null, label: version.label ?? null };
}
