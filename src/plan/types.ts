/**
 * The plan model: one outcome per declared key. Every renderer (text, JSON, markdown) and the applier
 * read this one model; reason texts explain, they never drive the applier.
 */
import type { RelatedLocation } from '../diagnostics/diagnostic.js';

export const PLAN_ACTIONS = ['no-op', 'create', 'deferred', 'error'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** What the plan saw of a key; a saved plan is applied only while the key still looks like this. */
export interface ObservedKey {
  /** The resolved key ID (an alias resolves to it). */
  keyId: string;
  /**
   * The key's ARN (`acs:kms:<region>:<uid>:key/<id>`): it names the Alibaba Cloud account the key was read
   * in, so apply can tell that the account's client still reaches that account. Absent in older saved plans.
   */
  arn?: string | undefined;
  keyState: string;
  lastRotationDate: string | undefined;
  primaryKeyVersion: string | undefined;
  /** Version IDs, oldest first; empty when `versionsListed` is false. */
  versionIds: string[];
  /**
   * False when the plan did not list the key's versions (a key with nothing to create that declares
   * none: DescribeKey told all the plan needed). The planner always sets it; a saved plan of an older
   * kmsctl lacks it, and its versions were listed.
   */
  versionsListed?: boolean | undefined;
}

/** A declared entry and the live version it stands for. */
export interface VersionMatch {
  /** Index of the entry in the key's `versions` list. */
  entry: number;
  label: string | undefined;
  versionId: string;
  creationDate: string;
  /** True when the entry pins this ID; false when an unpinned entry was matched to it. */
  pinned: boolean;
}

/** A live version that nothing in the config declares. */
export interface DriftVersion {
  versionId: string;
  creationDate: string;
}

/** Why a version is wanted now. */
export type CreateCause =
  /** An unpinned entry in `versions` has no live version yet. */
  | 'declared'
  /** `rotation.maxAge` has passed since the newest version. */
  | 'rotation';

export interface PlannedVersion {
  cause: CreateCause;
  /** The entry the new version will fill, for `declared`. */
  entry: number | undefined;
  label: string | undefined;
}

export interface PlanError {
  /** Stable code, e.g. `key.not-found`, `key.not-enabled`, `key.symmetric`, `key.limit-reached`. */
  code: string;
  /** In the service's terms: what is wrong. */
  message: string;
  /** What to do about it. */
  hint: string | undefined;
  /** The service's error code and request ID when the error came from an API answer. */
  apiCode: string | undefined;
  requestId: string | undefined;
  /** Other config entries the error is about (two entries that resolve to one key), with where each stands. */
  related?: RelatedLocation[] | undefined;
}

interface KeyPlanBase {
  /** The logical name from the config. */
  name: string;
  /** The key ID, alias or ARN as declared. */
  keyId: string;
  /** The account of the config's `accounts:` the key is read and changed in; undefined: the run's base identity. */
  account: string | undefined;
  region: string;
  /** One readable sentence: why this action. */
  reason: string;
  matches: VersionMatch[];
  drift: DriftVersion[];
  /** Undefined when the key could not be read. */
  observed: ObservedKey | undefined;
}

export interface NoOpKeyPlan extends KeyPlanBase {
  action: 'no-op';
  /**
   * When `rotation.warnBefore` is set and the key's rotation falls due within that window of the plan's
   * time: the instant it falls due (ISO, UTC). Undefined otherwise.
   */
  dueSoon: string | undefined;
}

export interface CreateKeyPlan extends KeyPlanBase {
  action: 'create';
  /** The one version to create in this run (never more than one per key per run). */
  create: PlannedVersion;
  /** Versions still wanted after this one; each needs another run, 7 days apart. */
  remaining: number;
  /** When the next of the remaining versions may be created, if any remain. */
  nextEarliest: string | undefined;
}

export interface DeferredKeyPlan extends KeyPlanBase {
  action: 'deferred';
  /** The version that will be created once allowed. */
  create: PlannedVersion;
  /** How many versions are wanted in all. */
  wanted: number;
  /** The earliest time the service allows the next version (LastRotationDate + 7 days). */
  earliest: string;
}

export interface ErrorKeyPlan extends KeyPlanBase {
  action: 'error';
  error: PlanError;
}

export type KeyPlan = NoOpKeyPlan | CreateKeyPlan | DeferredKeyPlan | ErrorKeyPlan;

/** Counts of keys by action (they add up to the number of keys), and of drifted versions. */
export interface PlanSummary {
  /** Keys that get a version in this run (more may be wanted later: the key's plan says so). */
  create: number;
  /** Keys whose wanted version must wait for the 7 days between versions. */
  deferred: number;
  error: number;
  noop: number;
  /** Live versions that nothing declares, over all keys. */
  drift: number;
}

export interface Plan {
  /** The time the plan was made for (ISO, UTC). */
  createdAt: string;
  keys: KeyPlan[];
  summary: PlanSummary;
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
