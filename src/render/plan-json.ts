/**
 * The plan as JSON (`kmsctl plan --json`, and the `plan` of a saved plan file), validated by
 * `schemas/plan.schema.json`. The naming convention of every kmsctl document (render/json-format.ts):
 * snake_case names, every field present, `null` for an absent value.
 */
import type { LocationProblem } from '../operations/location-problems.js';
import { assertNever, type CreateCause, type KeyPlan, type ObservedKey, type Plan, type PlanAction, type PlannedVersion } from '../plan/types.js';
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
  return planDocument(plan, meta, plan.keys.map(keyToJson));
}

/** The plan document's fields in their order, with `keys` as given (planJsonText writes them one by one). */
function planDocument<K>(plan: Plan, meta: PlanJsonMeta, keys: K): Omit<PlanJson, 'keys'> & { keys: K } {
  return {
    format_version: JSON_FORMAT_VERSION,
    kmsctl_version: meta.kmsctlVersion,
    created_at: plan.createdAt,
    fail_on_drift: meta.failOnDrift === true,
    location_failures: (meta.problems ?? []).map(locationFailureToJson),
    keys,
    summary: summaryToJson(plan),
  };
}

export function planBodyToJson(plan: Plan): PlanBodyJson {
  return { created_at: plan.createdAt, keys: plan.keys.map(keyToJson), summary: summaryToJson(plan) };
}

/** Characters of JSON text handed on at a time. */
const PIECE_CHARS = 65_536;
/** Where the document's keys go: the empty array planDocument is given, as JSON.stringify indents it. */
const KEYS_FIELD = '\n  "keys": [';

/**
 * The text of `JSON.stringify(planToJson(plan, meta), null, 2)` and a newline, in pieces of about
 * 64 KB: a plan of 10,000 keys is some 30 MB of JSON, and writing it key by key spares holding both
 * the document and its text in memory at once. The document around the keys is planDocument's, so
 * its fields have one order.
 */
export function* planJsonText(plan: Plan, meta: PlanJsonMeta): Generator<string> {
  const document = JSON.stringify(planDocument(plan, meta, []), null, 2);
  // Every quote inside a string is escaped, so the field's own text is the only match.
  const keysEnd = document.indexOf(KEYS_FIELD) + KEYS_FIELD.length;
  let chunk = document.slice(0, keysEnd);
  for (const [i, key] of plan.keys.entries()) {
    chunk += `${i === 0 ? '' : ','}\n    ${JSON.stringify(keyToJson(key), null, 2).replace(/\n/g, '\n    ')}`;
    if (chunk.length >= PIECE_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${plan.keys.length === 0 ? '' : '\n  '}${document.slice(keysEnd)}\n`;
}

/**
 * One key's JSON. Each action's object is written out as one literal, every field in its place, rather
 * than spread together from shared parts: measured on a 10,000-key plan, objects built by spreading
 * took about 1.6 KB each in the old generation (16 MB in all, kept until the process ended), literals a
 * few dozen bytes in the young one.
 */
export function keyToJson(key: KeyPlan): KeyPlanJson {
  const { name, keyId: key_id, region, reason } = key;
  const account = key.account ?? null;
  const matches = key.matches.map((m) => ({ entry: m.entry, label: m.label ?? null, version_id: m.versionId, creation_date: m.creationDate, pinned: m.pinned }));
  const drift = key.drift.map((d) => ({ version_id: d.versionId, creation_date: d.creationDate }));
  const observed = observedToJson(key.observed);
  switch (key.action) {
    case 'no-op':
      return { name, account, key_id, region, action: 'no-op', reason, due_soon: key.dueSoon ?? null, matches, drift, observed };
    case 'create': {
      const create = versionToJson(key.create);
      return { name, account, key_id, region, action: 'create', reason, create, remaining: key.remaining, next_earliest: key.nextEarliest ?? null, matches, drift, observed };
    }
    case 'deferred':
      return { name, account, key_id, region, action: 'deferred', reason, create: versionToJson(key.create), wanted: key.wanted, earliest: key.earliest, matches, drift, observed };
    case 'error': {
      const { code, message, hint, apiCode, requestId } = key.error;
      const error = { code, message, hint: hint ?? null, api_code: apiCode ?? null, request_id: requestId ?? null };
      return { name, account, key_id, region, action: 'error', reason, error, matches, drift, observed };
    }
    default:
      return assertNever(key, 'key plan');
  }
}

function observedToJson(observed: ObservedKey | undefined): ObservedKeyJson | null {
  if (observed === undefined) return null;
  return {
    key_id: observed.keyId,
    arn: observed.arn ?? null,
    versions_listed: observed.versionsListed ?? true,
    key_state: observed.keyState,
    last_rotation_date: observed.lastRotationDate ?? null,
    primary_key_version: observed.primaryKeyVersion ?? null,
    version_ids: [...observed.versionIds],
  };
}

function versionToJson(version: PlannedVersion): PlannedVersionJson {
  return { cause: version.cause, entry: version.entry ?? null, label: version.label ?? null };
}
