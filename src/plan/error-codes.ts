/** The stable codes of a key's `error` outcome. Tests and tooling match on these, never on wording. */
export const PLAN_ERROR_CODES = {
  /** The key or alias does not exist in the region (or was not read). */
  keyNotFound: 'key.not-found',
  /** Reading the key failed for another reason (access, network, server). */
  keyReadFailed: 'key.read-failed',
  /** A pinned version ID is not a version of the key. */
  pinnedMissing: 'version.pinned-missing',
  /** The same version ID is pinned by two entries of one key. */
  pinnedDuplicate: 'version.pinned-duplicate',
  /** A version is wanted but the key is not in the Enabled state. */
  keyNotEnabled: 'key.not-enabled',
  /** A version is wanted but the key is symmetric: only asymmetric keys get versions. */
  keySymmetric: 'key.symmetric',
  /** A version is wanted but the key is BYOK (Origin EXTERNAL): it has one version only. */
  keyExternal: 'key.external',
  /** A version is wanted but the key lives in a private key store (a KMS instance). */
  keyPrivateKeyStore: 'key.private-key-store',
  /** A version is wanted but the key holds as many versions as allowed. */
  keyLimitReached: 'key.limit-reached',
} as const;

export type PlanErrorCode = (typeof PLAN_ERROR_CODES)[keyof typeof PLAN_ERROR_CODES];
