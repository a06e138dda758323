/**
 * The rules of CreateKeyVersion, each written once as data with its edition, its basis (the page that
 * states it, or kmsctl keeping a classic rule where the instance page is silent) and the service's answer.
 * The planner and the emulator both read them through `evaluateCreateKeyVersion`: the planner to say why a
 * key cannot get a version (or must wait), the emulator to refuse exactly as the service does.
 */
import { MAX_KEY_VERSIONS, MIN_ROTATION_INTERVAL_SECONDS, isAsymmetricKeySpec, isSymmetricKeySpec } from '../kms/wire/enums.js';
import { STATE_REJECTION_CODES, type ErrorCode } from '../kms/wire/error-codes.js';
import { EDITION_INFO, type Edition, type RuleBasis } from './editions.js';
import { editionOf, type KeyPlacement } from './placement.js';

/** What the rules read of a key. */
export interface KeyFacts {
  keyId: string;
  keySpec: string;
  keyState: string;
  origin: string;
  placement: KeyPlacement;
  /** Versions the key has, the initial one included; undefined when not read (the cap is then not checked). */
  versionCount: number | undefined;
  /** When the key last got a version (ms since the epoch; LastRotationDate); undefined when not known. */
  lastVersionMs: number | undefined;
  /** Units left of the instance's key quota, when known (the emulator knows; the planner does not). */
  instanceKeyQuotaLeft?: number | undefined;
}

/** What a rule is about: the planner maps this to its error codes. */
export type RuleTopic = 'placement' | 'key-spec' | 'origin' | 'state' | 'version-cap' | 'interval' | 'instance-quota';

export interface VersionRule {
  /** Stable: `classic.asymmetric-only`, `instance.software-instance-only`, ... */
  id: string;
  edition: Edition;
  basis: RuleBasis;
  topic: RuleTopic;
  /** The rule in one line, as messages quote it. */
  statement: string;
}

interface RuleDefinition extends VersionRule {
  /** Why the rule refuses this key, or undefined when it passes. */
  check(facts: KeyFacts, nowMs: number): Refusal | undefined;
}

interface Refusal {
  reason: string;
  serviceCode: ErrorCode;
  /** For the interval rule: the earliest instant the rule allows a version. */
  earliestMs?: number | undefined;
}

const MIN_INTERVAL_MS = MIN_ROTATION_INTERVAL_SECONDS * 1000;

function checkState(facts: KeyFacts): Refusal | undefined {
  if (facts.keyState === 'Enabled') return undefined;
  const code = (STATE_REJECTION_CODES as Record<string, ErrorCode>)[facts.keyState] ?? 'Rejected.Disabled';
  return { reason: `KeyState is ${facts.keyState || '(empty)'}, not Enabled`, serviceCode: code };
}

function checkCap(facts: KeyFacts): Refusal | undefined {
  if (facts.versionCount === undefined || facts.versionCount < MAX_KEY_VERSIONS) return undefined;
  return { reason: `the key has ${facts.versionCount} of ${MAX_KEY_VERSIONS} versions, the initial one counted`, serviceCode: 'Rejected.LimitExceeded' };
}

function checkInterval(facts: KeyFacts, nowMs: number): Refusal | undefined {
  if (facts.lastVersionMs === undefined) return undefined;
  const earliestMs = facts.lastVersionMs + MIN_INTERVAL_MS;
  if (nowMs >= earliestMs) return undefined;
  return { reason: `the last version is less than 7 days old`, serviceCode: 'Rejected.UnsupportedOperation', earliestMs };
}

function checkNotExternal(facts: KeyFacts): Refusal | undefined {
  if (facts.origin !== 'EXTERNAL') return undefined;
  return { reason: 'Origin is EXTERNAL (imported material)', serviceCode: 'Rejected.UnsupportedOperation' };
}

/** In the order they are checked: lasting properties of the key first, so a hint never asks to enable a key that could not get a version anyway. */
const RULES: readonly RuleDefinition[] = [
  {
    id: 'classic.asymmetric-only',
    edition: 'classic',
    basis: 'page',
    topic: 'key-spec',
    statement: 'only asymmetric keys get versions',
    check: (facts) =>
      isAsymmetricKeySpec(facts.keySpec) ? undefined : { reason: `KeySpec ${facts.keySpec} is not asymmetric`, serviceCode: 'Rejected.UnsupportedOperation' },
  },
  {
    id: 'classic.external-single-version',
    edition: 'classic',
    basis: 'service',
    topic: 'origin',
    statement: 'a key with imported material (Origin EXTERNAL) has one version only',
    check: checkNotExternal,
  },
  { id: 'classic.enabled', edition: 'classic', basis: 'page', topic: 'state', statement: 'the key must be Enabled', check: checkState },
  {
    id: 'classic.max-versions',
    edition: 'classic',
    basis: 'page',
    topic: 'version-cap',
    statement: `at most ${MAX_KEY_VERSIONS} versions per key and region (kmsctl counts the initial version)`,
    check: checkCap,
  },
  {
    id: 'classic.min-interval',
    edition: 'classic',
    basis: 'page',
    topic: 'interval',
    statement: 'at least 7 days between two versions, from LastRotationDate',
    check: checkInterval,
  },
  {
    id: 'instance.software-instance-only',
    edition: 'instance',
    basis: 'page',
    topic: 'placement',
    statement: 'only keys in a software key management instance get versions',
    check: (facts) =>
      facts.placement.kind === 'instance' && facts.placement.instanceKind === 'hardware'
        ? { reason: `the key is in the hardware instance ${facts.placement.instanceId}`, serviceCode: 'Rejected.UnsupportedOperation' }
        : undefined,
  },
  {
    id: 'instance.symmetric-only',
    edition: 'instance',
    basis: 'page',
    topic: 'key-spec',
    statement: 'only symmetric keys get versions',
    check: (facts) =>
      isSymmetricKeySpec(facts.keySpec) ? undefined : { reason: `KeySpec ${facts.keySpec} is not symmetric`, serviceCode: 'Rejected.UnsupportedOperation' },
  },
  {
    id: 'instance.external-single-version',
    edition: 'instance',
    basis: 'service',
    topic: 'origin',
    statement: 'a key with imported material (Origin EXTERNAL) has one version only',
    check: checkNotExternal,
  },
  { id: 'instance.enabled', edition: 'instance', basis: 'page', topic: 'state', statement: 'the key must be Enabled', check: checkState },
  {
    id: 'instance.key-quota',
    edition: 'instance',
    basis: 'page',
    topic: 'instance-quota',
    statement: "each new version uses one unit of the instance's key quota",
    check: (facts) =>
      facts.instanceKeyQuotaLeft !== undefined && facts.instanceKeyQuotaLeft < 1
        ? { reason: "the instance's key quota is used up", serviceCode: 'Rejected.LimitExceeded' }
        : undefined,
  },
  {
    id: 'instance.max-versions',
    edition: 'instance',
    basis: 'kmsctl',
    topic: 'version-cap',
    statement: `at most ${MAX_KEY_VERSIONS} versions per key, the initial one counted`,
    check: checkCap,
  },
  {
    id: 'instance.min-interval',
    edition: 'instance',
    basis: 'kmsctl',
    topic: 'interval',
    statement: 'at least 7 days between two versions, from LastRotationDate',
    check: checkInterval,
  },
];

/** Every rule, in checking order (for docs and tests). */
export const CREATE_KEY_VERSION_RULES: readonly VersionRule[] = RULES.map(({ check: _check, ...rule }) => rule);

export type Verdict =
  | { allowed: true; edition: Edition }
  | {
      allowed: false;
      edition: Edition;
      rule: VersionRule;
      /** Why this key breaks the rule, in the service's terms. */
      reason: string;
      /** What the service answers (the emulator's error code). */
      serviceCode: ErrorCode;
      /** Set when the rule only asks to wait (the interval): the earliest instant it allows a version. */
      earliestMs: number | undefined;
    };

export interface EvaluateOptions {
  /** `service`: only the rules the service documents (the emulator); `all`: kmsctl's stricter ones too (the planner). Default `all`. */
  rules?: 'service' | 'all' | undefined;
}

/** The first rule of the key's edition that refuses a new version at `nowMs`, or allowed. */
export function evaluateCreateKeyVersion(facts: KeyFacts, nowMs: number, options: EvaluateOptions = {}): Verdict {
  const edition = editionOf(facts.placement);
  for (const rule of RULES) {
    if (rule.edition !== edition) continue;
    if (options.rules === 'service' && rule.basis === 'kmsctl') continue;
    const refusal = rule.check(facts, nowMs);
    if (refusal === undefined) continue;
    const { check: _check, ...data } = rule;
    return { allowed: false, edition, rule: data, reason: refusal.reason, serviceCode: refusal.serviceCode, earliestMs: refusal.earliestMs };
  }
  return { allowed: true, edition };
}

/** `classic.min-interval (classic shared KMS: at least 7 days between two versions, from LastRotationDate)`: how reasons cite a rule. */
export function citeRule(rule: VersionRule): string {
  const basis = rule.basis === 'kmsctl' ? '; the page is silent here, so kmsctl keeps the classic rule' : '';
  return `rule ${rule.id} (${EDITION_INFO[rule.edition].name} edition: ${rule.statement}${basis})`;
}
