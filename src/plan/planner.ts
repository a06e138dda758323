/**
 * The planner: desired state + live state + a time → one outcome per declared key. Pure: no I/O, no
 * client, no clock of its own, so the same input always gives the same plan.
 */
import type { DesiredKey, DesiredState } from '../config/desired-state.js';
import type { SourceFiles } from '../diagnostics/source-files.js';
import { liveKeyRefOf, type LiveKeyFacts, type LiveKeyRead, type LiveState } from '../state/live-state.js';
import { assessKey } from './assess-key.js';
import { duplicateTargetError, duplicateTargets } from './duplicate-targets.js';
import { PLAN_ERROR_CODES } from './error-codes.js';
import { formatInstant, formatInstantCeil } from './instant.js';
import { MIN_ROTATION_INTERVAL_MS, versionCap } from './limits.js';
import { pinnedError } from './pin-errors.js';
import { notFoundError, readFailedError } from './read-errors.js';
import { capWarning, dueDuringReadReason, editionNote, joinReason, noOpReason, waitReason, wantedReason } from './reasons.js';
import { summarisePlan } from './summary.js';
import type { DriftVersion, ErrorKeyPlan, KeyPlan, NoOpKeyPlan, ObservedKey, Plan, PlanError, VersionMatch } from './types.js';
import { versionEligibility } from './version-eligibility.js';
import { dueSoonInstant } from './wanted-versions.js';

export interface PlanOptions {
  /** The config files' texts, so errors about two entries can name their lines. */
  sources?: SourceFiles | undefined;
}

/** Plans every declared key, in config order, as of `now`. */
export function planKeys(desired: DesiredState, live: LiveState<LiveKeyFacts>, now: Date, options: PlanOptions = {}): Plan {
  const nowMs = validMs(now);
  const builder = new PlanBuilder(desired, options);
  for (const key of desired.keys) builder.add(key, live.keys.get(liveKeyRefOf(key)), nowMs);
  return builder.finish(nowMs);
}

/**
 * A plan made key by key, as each key's read arrives: the plan keeps what the model holds of a key
 * (its outcome, and the IDs the saved plan compares), never the read itself, so a reader can drop each
 * read once it is planned. The one check that needs every key, two entries resolving to one key, keeps
 * only each entry's resolved key ID until `finish`.
 */
export class PlanBuilder {
  readonly #desired: DesiredState;
  readonly #options: PlanOptions;
  readonly #indexOf: Map<DesiredKey, number>;
  readonly #plans: (KeyPlan | undefined)[];
  readonly #resolvedIds: (string | undefined)[];

  constructor(desired: DesiredState, options: PlanOptions = {}) {
    this.#desired = desired;
    this.#options = options;
    this.#indexOf = new Map(desired.keys.map((key, index) => [key, index]));
    this.#plans = new Array<KeyPlan | undefined>(desired.keys.length).fill(undefined);
    this.#resolvedIds = new Array<string | undefined>(desired.keys.length).fill(undefined);
  }

  /** Plans one declared entry from what was read of its key (undefined: nothing was), as of `nowMs`. */
  add(key: DesiredKey, read: LiveKeyRead<LiveKeyFacts> | undefined, nowMs: number): void {
    const index = this.#indexOf.get(key);
    if (index === undefined) throw new RangeError(`PlanBuilder: ${key.name} is not a key of this desired state`);
    this.#plans[index] = planKey(key, read, nowMs);
    this.#resolvedIds[index] = read?.status === 'found' ? read.key.metadata.keyId : undefined;
  }

  /** The plan as of `nowMs`: entries never added are planned as unread, and entries resolving to one key are errors. */
  finish(nowMs: number): Plan {
    const declared = this.#desired.keys;
    const duplicates = duplicateTargets(declared, (key) => this.#resolvedIds[this.#indexOf.get(key) ?? -1]);
    const keys = declared.map((key, index): KeyPlan => {
      const planned = this.#plans[index] ?? planKey(key, undefined, nowMs);
      const others = duplicates.get(index);
      const resolvedId = this.#resolvedIds[index];
      if (others === undefined || resolvedId === undefined) return planned;
      const error = duplicateTargetError(key, others.map((other) => declared[other]!), resolvedId, this.#options.sources);
      return errorPlan(key, { matches: [], drift: [], observed: planned.observed }, error.message, error);
    });
    return { createdAt: formatInstant(nowMs), keys, summary: summarisePlan(keys) };
  }
}

function validMs(now: Date): number {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('planKeys: `now` is an invalid Date');
  return nowMs;
}

/** The outcome of one key, given what was read of it (undefined: nothing was). */
export function planKey(key: DesiredKey, read: LiveKeyRead<LiveKeyFacts> | undefined, nowMs: number): KeyPlan {
  if (read === undefined || read.status === 'not-found') return unreadKey(key, notFoundError(key, read));
  if (read.status === 'failed') return unreadKey(key, readFailedError(key, read));
  return planFoundKey(key, read.key, nowMs);
}

/**
 * What a key's plan holds whatever its action: its versions matched to the entries, its drift, and what
 * was read of it.
 */
interface KeyFindings {
  matches: VersionMatch[];
  drift: DriftVersion[];
  observed: ObservedKey | undefined;
}

// A key's plan is written as one literal per action, fields in one order, rather than spread together
// from shared parts: on a 10,000-key plan, objects built by spreading took about 1.6 KB each in the old
// generation (render/plan-json.ts measured the same of its JSON objects), literals a hundred bytes.

function errorPlan(key: DesiredKey, found: KeyFindings, reason: string, error: PlanError): ErrorKeyPlan {
  return { name: key.name, keyId: key.keyId, account: key.account, region: key.region, action: 'error', reason, matches: found.matches, drift: found.drift, observed: found.observed, error };
}

function noOpPlan(key: DesiredKey, found: KeyFindings, reason: string, dueSoon: string | undefined): NoOpKeyPlan {
  return { name: key.name, keyId: key.keyId, account: key.account, region: key.region, action: 'no-op', reason, matches: found.matches, drift: found.drift, observed: found.observed, dueSoon };
}

function unreadKey(key: DesiredKey, error: PlanError): KeyPlan {
  return errorPlan(key, { matches: [], drift: [], observed: undefined }, error.message, error);
}

function planFoundKey(key: DesiredKey, facts: LiveKeyFacts, nowMs: number): KeyPlan {
  const { metadata, versions } = facts;
  const assessment = assessKey(key, facts, nowMs);
  const { matching, rotation, wanted } = assessment;
  const found: KeyFindings = { matches: matching.matches, drift: matching.drift, observed: observe(facts) };
  if (versions === undefined && key.versions.length > 0) {
    // The reader lists every key that declares versions; a live state without that listing is incomplete.
    const error = notListedError(key);
    return errorPlan(key, found, error.message, error);
  }
  const pinError = pinnedError(key, metadata.keyId, matching);
  if (pinError !== undefined) return errorPlan(key, found, pinError.message, pinError);

  const first = wanted[0];
  const dueSoon = dueSoonInstant(key, rotation, nowMs);
  const noOp = (reason: string): KeyPlan => noOpPlan(key, found, reason, dueSoon === undefined ? undefined : formatInstantCeil(dueSoon));
  if (first === undefined) return noOp(noOpReason(matching.drift.length, metadata.keyState, rotation, dueSoon));
  // Only rotation can want a version of an unlisted key, and the reader lists every key due when it read it:
  // this one fell due between that read and this plan. The next plan lists and rotates it.
  if (versions === undefined) return noOp(dueDuringReadReason(rotation));

  const why = wantedReason(first, rotation, key);
  const eligibility = versionEligibility(facts, key.maxVersions, nowMs);
  if (eligibility.status === 'refused') {
    return errorPlan(key, found, `${why}, but ${eligibility.error.message}`, eligibility.error);
  }
  const warning = capWarning(versions.length, wanted.length, versionCap(key.maxVersions));
  const edition = editionNote(eligibility);
  if (eligibility.status === 'wait') {
    const earliestText = formatInstantCeil(eligibility.earliestMs);
    const reason = joinReason(why, wanted.length > 1 ? `${wanted.length} versions wanted` : undefined, waitReason(assessment, eligibility.rule, earliestText, nowMs), warning, edition);
    return { name: key.name, keyId: key.keyId, account: key.account, region: key.region, action: 'deferred', reason, matches: found.matches, drift: found.drift, observed: found.observed, create: first, wanted: wanted.length, earliest: earliestText };
  }

  const remaining = wanted.length - 1;
  const nextEarliest = remaining > 0 ? formatInstantCeil(nowMs + MIN_ROTATION_INTERVAL_MS) : undefined;
  const reason = joinReason(`${why}: create one version now`, nextEarliest === undefined ? undefined : `${remaining} more wanted, the next from ${nextEarliest}`, warning, edition);
  return { name: key.name, keyId: key.keyId, account: key.account, region: key.region, action: 'create', reason, matches: found.matches, drift: found.drift, observed: found.observed, create: first, remaining, nextEarliest };
}

function notListedError(key: DesiredKey): PlanError {
  return {
    code: PLAN_ERROR_CODES.keyReadFailed,
    message: `the versions of ${key.keyId} were not listed, and the key declares versions: the live state is incomplete`,
    hint: 'plan again',
    apiCode: undefined,
    requestId: undefined,
  };
}

/** What the applier compares before acting on a saved plan. */
function observe(facts: LiveKeyFacts): ObservedKey {
  const { metadata, versions } = facts;
  return {
    keyId: metadata.keyId,
    arn: metadata.arn || undefined,
    keyState: metadata.keyState,
    lastRotationDate: metadata.lastRotationDate,
    primaryKeyVersion: metadata.primaryKeyVersion,
    versionIds: versions === undefined ? [] : versions.map((v) => v.keyVersionId),
    versionsListed: versions !== undefined,
  };
}
