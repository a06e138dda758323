/** The stable codes of a key's `error` outcome. Tests and tooling match on these, never on wording. */
export const PLAN_ERROR_CODES = {
  /** The key or alias does not exist in the account and region (or was not read). */
  keyNotFound: 'key.not-found',
  /** Reading the key failed for another reason (access, network, server, the account's credentials). */
  keyReadFailed: 'key.read-failed',
  /** Two entries of the config resolve to the same key in one account and region (an alias and an ID, say). */
  keyDuplicateTarget: 'key.duplicate-target',
  /** A pinned version ID is not a version of the key. */
  pinnedMissing: 'version.pinned-missing',
  /** The same version ID is pinned by two entries of one key. */
  pinnedDuplicate: 'version.pinned-duplicate',
  /** A version is wanted but the key is not in the Enabled state. */
  keyNotEnabled: 'key.not-enabled',
  /** A version is wanted but the key is a symmetric classic key: the classic edition versions only asymmetric keys. */
  keySymmetric: 'key.symmetric',
  /** A version is wanted but the key is an asymmetric key in a KMS instance: the instance edition versions only symmetric keys. */
  keyAsymmetricInInstance: 'key.asymmetric-in-instance',
  /** A version is wanted but the key is in a hardware KMS instance: only software instances version keys. */
  keyHardwareInstance: 'key.hardware-instance',
  /** A version is wanted but the key is BYOK (Origin EXTERNAL): it has one version only. */
  keyExternal: 'key.external',
  /** A version is wanted but the key holds as many versions as allowed (the service's cap, or its own maxVersions). */
  keyLimitReached: 'key.limit-reached',
} as const;

export type PlanErrorCode = (typeof PLAN_ERROR_CODES)[keyof typeof PLAN_ERROR_CODES];
