/**
 * The API actions kmsctl sends (KMS's, and STS's for the accounts of a run), each with whether it may be sent twice. A non-idempotent action is
 * never retried by the client: after an ambiguous failure only the caller can tell (by reading the key
 * again) whether it took effect.
 */
export interface ActionSpec {
  /** True when sending the request twice has the same effect as once. */
  idempotent: boolean;
}

export const KMS_ACTIONS = {
  DescribeKey: { idempotent: true },
  ListKeyVersions: { idempotent: true },
  DescribeKeyVersion: { idempotent: true },
  ListKeys: { idempotent: true },
  ListAliases: { idempotent: true },
  ListAliasesByKeyId: { idempotent: true },
  GetKmsInstance: { idempotent: true },
  ListKmsInstances: { idempotent: true },
  GetPublicKey: { idempotent: true },
  /** A second signature of the same digest is as valid as the first. */
  AsymmetricSign: { idempotent: true },
  AsymmetricVerify: { idempotent: true },
  EnableKey: { idempotent: true },
  DisableKey: { idempotent: true },
  /** Each success makes a new version: a second send could make two. */
  CreateKeyVersion: { idempotent: false },
  /** Each success makes a new key. */
  CreateKey: { idempotent: false },
  /** A repeat after success fails with `Rejected.ResourceExist`, hiding the success. */
  CreateAlias: { idempotent: false },
  /** A repeat after success fails with `Rejected.PendingDeletion`, hiding the success. */
  ScheduleKeyDeletion: { idempotent: false },
  /** STS (2015-04-01): each success issues new temporary credentials, which harms nothing. */
  AssumeRole: { idempotent: true },
  /** STS: who the credentials belong to (`kmsctl doctor`). */
  GetCallerIdentity: { idempotent: true },
} as const satisfies Record<string, ActionSpec>;

export type KmsAction = keyof typeof KMS_ACTIONS;

/** Whether the client may retry this action. */
export function isIdempotentAction(action: KmsAction): boolean {
  return KMS_ACTIONS[action].idempotent;
}
