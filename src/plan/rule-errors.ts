/**
 * Plan errors for a refused CreateKeyVersion: which rule refused, of which edition, what the service
 * would answer, and what to do. The rules themselves are data in src/service-rules; this file only says
 * them in the plan's terms and maps each rule's topic to kmsctl's stable error code.
 */
import { citeRule, type KeyPlacement, type Verdict } from '../service-rules/index.js';
import { MAX_KEY_VERSIONS } from '../kms/wire/enums.js';
import { assertNever, type PlanError } from './types.js';
import { PLAN_ERROR_CODES, type PlanErrorCode } from './error-codes.js';

type Refused = Extract<Verdict, { allowed: false }>;

const STATE_HINTS: Record<string, string> = {
  Disabled: 'enable the key first (EnableKey), then plan again',
  PendingDeletion: 'cancel the scheduled deletion first (CancelKeyDeletion) and enable the key, then plan again',
  PendingImport: 'import the key material first (GetParametersForImport, ImportKeyMaterial), then plan again',
};

const NO_VERSIONS = 'remove the unpinned versions and rotation from this key';

/** The error of a rule that refuses a version for good (not the interval rule, which only asks to wait). */
export function ruleError(verdict: Refused, placement: KeyPlacement, placementText: string | undefined, keyState: string): PlanError {
  const { code, hint } = codeAndHint(verdict, placement, keyState);
  const answer =
    verdict.rule.basis === 'kmsctl'
      ? `kmsctl refuses it (the service's answer is not documented; ${verdict.serviceCode} is likely)`
      : `the service would answer ${verdict.serviceCode}`;
  // The placement rule's own reason is where the key lives: say it once, with how kmsctl knows the instance's kind.
  const what = verdict.rule.topic === 'placement' && placementText !== undefined ? placementText : verdict.reason;
  const where = placementText === undefined || what === placementText ? '' : `; ${placementText}`;
  return { code, message: `${what}: ${citeRule(verdict.rule)}${where}; ${answer}`, hint, apiCode: undefined, requestId: undefined };
}

function codeAndHint(verdict: Refused, placement: KeyPlacement, keyState: string): { code: PlanErrorCode; hint: string } {
  const topic = verdict.rule.topic;
  switch (topic) {
    case 'key-spec':
      return verdict.edition === 'classic'
        ? { code: PLAN_ERROR_CODES.keySymmetric, hint: `${NO_VERSIONS} (a classic symmetric key rotates with UpdateRotationPolicy), or declare an asymmetric key` }
        : { code: PLAN_ERROR_CODES.keyAsymmetricInInstance, hint: `${NO_VERSIONS}: in a KMS instance only symmetric keys get versions; for new asymmetric material create a new key and move the alias to it` };
    case 'placement': {
      const fromLevel = placement.kind === 'instance' && placement.kindFrom === 'ProtectionLevel';
      const read = fromLevel ? '; kmsctl took the instance kind from the key: allow kms:GetKmsInstance so it can ask the instance' : '';
      return { code: PLAN_ERROR_CODES.keyHardwareInstance, hint: `${NO_VERSIONS}, or declare a key of a software KMS instance${read}` };
    }
    case 'origin':
      return { code: PLAN_ERROR_CODES.keyExternal, hint: `${NO_VERSIONS}; to rotate imported material, create a new key and move the alias to it` };
    case 'state':
      return { code: PLAN_ERROR_CODES.keyNotEnabled, hint: STATE_HINTS[keyState] ?? 'wait until the key is Enabled, then plan again' };
    case 'version-cap':
      return { code: PLAN_ERROR_CODES.keyLimitReached, hint: `the cap of ${MAX_KEY_VERSIONS} cannot be raised: create a new key, move the alias to it, and declare that key instead` };
    case 'instance-quota':
      return { code: PLAN_ERROR_CODES.keyLimitReached, hint: "free or buy units of the instance's key quota, then plan again" };
    case 'interval':
      // The interval rule only asks to wait: versionEligibility defers on it and never calls this.
      throw new Error('ruleError: the interval rule is a wait, not an error');
    default:
      return assertNever(topic, 'rule topic');
  }
}

/** kmsctl's own cap: the key's `maxVersions` from the config, below the service's. */
export function ownCapError(versionCount: number, maxVersions: number): PlanError {
  return {
    code: PLAN_ERROR_CODES.keyLimitReached,
    message: `the key has ${versionCount} versions, at or over its maxVersions of ${maxVersions} (counting the initial one): kmsctl's own cap from the config`,
    hint: `raise maxVersions (the service allows up to ${MAX_KEY_VERSIONS}), or stop wanting new versions of this key`,
    apiCode: undefined,
    requestId: undefined,
  };
}
