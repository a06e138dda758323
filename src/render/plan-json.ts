/**
 * The plan as one JSON document (`kmsctl plan --json`), validated by `schemas/plan.schema.json`.
 * Envelope fields are snake_case like Terraform's (`format_version`); fields of the plan model keep the
 * model's camelCase (`keyId`, `versionId`). Absent values are `null`, so every field is always present.
 */
import {
  assertNever,
  type CreateCause,
  type KeyPlan,
  type Plan,
  type PlanAction,
  type PlanSummary,
  type PlannedVersion,
} from '../plan/types.js';

/** Bumped on any change a reader could notice: "1.x" only adds fields. */
export const PLAN_JSON_FORMAT_VERSION = '1.0';

export interface VersionMatchJson {
  entry: number;
  label: string | null;
  versionId: string;
  creationDate: string;
  pinned: boolean;
}

export interface DriftVersionJson {
  versionId: string;
  creationDate: string;
}

export interface ObservedKeyJson {
  keyId: string;
  keyState: string;
  lastRotationDate: string | null;
  primaryKeyVersion: string | null;
  versionIds: string[];
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
  apiCode: string | null;
  requestId: string | null;
}

interface KeyPlanJsonBase {
  name: string;
  keyId: string;
  region: string;
  action: PlanAction;
  reason: string;
  matches: VersionMatchJson[];
  drift: DriftVersionJson[];
  observed: ObservedKeyJson | null;
}

export interface NoOpKeyPlanJson extends KeyPlanJsonBase {
  action: 'no-op';
}

export interface CreateKeyPlanJson extends KeyPlanJsonBase {
  action: 'create';
  create: PlannedVersionJson;
  remaining: number;
  nextEarliest: string | null;
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

export interface PlanJson {
  format_version: typeof PLAN_JSON_FORMAT_VERSION;
  kmsctl_version: string;
  created_at: string;
  keys: KeyPlanJson[];
  summary: PlanSummary;
}

/** The JSON document of a plan. Serialise with JSON.stringify; nothing in it is undefined. */
export function planToJson(plan: Plan, meta: { kmsctlVersion: string }): PlanJson {
  return {
    format_version: PLAN_JSON_FORMAT_VERSION,
    kmsctl_version: meta.kmsctlVersion,
    created_at: plan.createdAt,
    keys: plan.keys.map(keyToJson),
    summary: { ...plan.summary },
  };
}

/**
 * The text of `JSON.stringify(planToJson(plan, meta), null, 2)` and a newline, in pieces of about
 * 64 KB: a plan of 10,000 keys is some 10 MB of JSON, and writing it key by key spares holding both
 * the document and its text in memory at once.
 */
export function* planJsonText(plan: Plan, meta: { kmsctlVersion: string }): Generator<string> {
  const { format_version, kmsctl_version, created_at, summary } = planToJson({ ...plan, keys: [] }, meta);
  const head = JSON.stringify({ format_version, kmsctl_version, created_at }, null, 2);
  let chunk = `${head.slice(0, -2)},\n  "keys": [`;
  for (const [i, key] of plan.keys.entries()) {
    chunk += `${i === 0 ? '' : ','}\n    ${JSON.stringify(keyToJson(key), null, 2).replace(/\n/g, '\n    ')}`;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${plan.keys.length === 0 ? ']' : '\n  ]'},\n  "summary": ${JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ')}\n}\n`;
}

function keyToJson(key: KeyPlan): KeyPlanJson {
  const head = { name: key.name, keyId: key.keyId, region: key.region };
  const reason = key.reason;
  const tail = {
    matches: key.matches.map((m) => ({ entry: m.entry, label: m.label ?? null, versionId: m.versionId, creationDate: m.creationDate, pinned: m.pinned })),
    drift: key.drift.map((d) => ({ versionId: d.versionId, creationDate: d.creationDate })),
    observed:
      key.observed === undefined
        ? null
        : {
            keyId: key.observed.keyId,
            keyState: key.observed.keyState,
            lastRotationDate: key.observed.lastRotationDate ?? null,
            primaryKeyVersion: key.observed.primaryKeyVersion ?? null,
            versionIds: [...key.observed.versionIds],
          },
  };
  switch (key.action) {
    case 'no-op':
      return { ...head, action: 'no-op', reason, ...tail };
    case 'create':
      return { ...head, action: 'create', reason, create: versionToJson(key.create), remaining: key.remaining, nextEarliest: key.nextEarliest ?? null, ...tail };
    case 'deferred':
      return { ...head, action: 'deferred', reason, create: versionToJson(key.create), wanted: key.wanted, earliest: key.earliest, ...tail };
    case 'error': {
      const { code, message, hint, apiCode, requestId } = key.error;
      const error = { code, message, hint: hint ?? null, apiCode: apiCode ?? null, requestId: requestId ?? null };
      return { ...head, action: 'error', reason, error, ...tail };
    }
    default:
      return assertNever(key, 'key plan');
  }
}

function versionToJson(version: PlannedVersion): PlannedVersionJson {
  return { cause: version.cause, entry: version.entry ?? null, label: version.label ?? null };
}
