/**
 * Whether the service would accept CreateKeyVersion for a key, checked before planning a version so
 * the plan says why not, in the service's terms, instead of the apply failing. The 7-day wait is not
 * an error and is handled by the planner (`deferred`).
 */
import type { LiveKeyMetadata } from '../state/live-state.js';
import { STATE_REJECTION_CODES } from '../kms/wire/error-codes.js';
import { ASYMMETRIC_KEY_SPECS, MAX_KEY_VERSIONS, isAsymmetricKeySpec } from '../kms/wire/enums.js';
import { PLAN_ERROR_CODES } from './error-codes.js';
import { versionCap } from './limits.js';
import type { PlanError } from './types.js';

/**
 * The first rule that forbids a new version, or undefined. Lasting properties of the key (spec, origin,
 * key store) come before its state, so a hint never asks to enable a key that could not get a version anyway.
 */
export function checkVersionAllowed(
  metadata: LiveKeyMetadata,
  versionCount: number,
  maxVersions: number | undefined,
): PlanError | undefined {
  return (
    checkAsymmetric(metadata) ??
    checkOrigin(metadata) ??
    checkKeyStore(metadata) ??
    checkState(metadata) ??
    checkLimit(versionCount, maxVersions)
  );
}

function localError(code: string, message: string, hint: string): PlanError {
  return { code, message, hint, apiCode: undefined, requestId: undefined };
}

function checkAsymmetric(metadata: LiveKeyMetadata): PlanError | undefined {
  if (isAsymmetricKeySpec(metadata.keySpec)) return undefined;
  return localError(
    PLAN_ERROR_CODES.keySymmetric,
    `KeySpec ${metadata.keySpec} is symmetric: only asymmetric keys (${ASYMMETRIC_KEY_SPECS.join(', ')}) get ` +
      'versions; the service would answer Rejected.UnsupportedOperation',
    'remove the unpinned versions and rotation from this key (symmetric keys rotate with UpdateRotationPolicy), or declare an asymmetric key',
  );
}

function checkOrigin(metadata: LiveKeyMetadata): PlanError | undefined {
  if (metadata.origin !== 'EXTERNAL') return undefined;
  return localError(
    PLAN_ERROR_CODES.keyExternal,
    'Origin is EXTERNAL (BYOK): a key with imported material has one version only; ' +
      'the service would answer Rejected.UnsupportedOperation',
    'remove the unpinned versions and rotation from this key; to rotate imported material, create a new key and move the alias to it',
  );
}

function checkKeyStore(metadata: LiveKeyMetadata): PlanError | undefined {
  if (metadata.dkmsInstanceId === undefined || metadata.dkmsInstanceId === '') return undefined;
  return localError(
    PLAN_ERROR_CODES.keyPrivateKeyStore,
    `the key is in a private key store (DKMSInstanceId ${metadata.dkmsInstanceId}): CreateKeyVersion is not ` +
      'supported there; the service would answer Rejected.UnsupportedOperation',
    'remove the unpinned versions and rotation from this key, or manage it in its KMS instance',
  );
}

const STATE_HINTS: Record<string, string> = {
  Disabled: 'enable the key first (EnableKey), then plan again',
  PendingDeletion: 'cancel the scheduled deletion first (CancelKeyDeletion) and enable the key, then plan again',
  PendingImport: 'import the key material first (GetParametersForImport, ImportKeyMaterial), then plan again',
};

function checkState(metadata: LiveKeyMetadata): PlanError | undefined {
  if (metadata.keyState === 'Enabled') return undefined;
  const state = metadata.keyState === '' ? '(empty)' : metadata.keyState;
  const rejection = (STATE_REJECTION_CODES as Record<string, string>)[metadata.keyState];
  return localError(
    PLAN_ERROR_CODES.keyNotEnabled,
    `KeyState is ${state}: CreateKeyVersion needs an Enabled key` +
      (rejection === undefined ? '' : `; the service would answer ${rejection}`),
    STATE_HINTS[metadata.keyState] ?? 'wait until the key is Enabled, then plan again',
  );
}

function checkLimit(versionCount: number, maxVersions: number | undefined): PlanError | undefined {
  const cap = versionCap(maxVersions);
  if (versionCount < cap) return undefined;
  if (cap < MAX_KEY_VERSIONS) {
    return localError(
      PLAN_ERROR_CODES.keyLimitReached,
      `the key has ${versionCount} versions, at or over its maxVersions of ${cap} (counting the initial one)`,
      `raise maxVersions (the service allows up to ${MAX_KEY_VERSIONS}), or stop wanting new versions of this key`,
    );
  }
  return localError(
    PLAN_ERROR_CODES.keyLimitReached,
    `the key has ${versionCount} of ${MAX_KEY_VERSIONS} versions, counting the initial one: the service's cap ` +
      'per key and region; it would answer Rejected.LimitExceeded',
    'the cap cannot be raised: create a new key, move the alias to it, and declare that key instead',
  );
}
