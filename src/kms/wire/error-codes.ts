/**
 * The service's error codes with their HTTP status, defined once for the client and the emulator.
 * Sources: ../../../../shared/kms-api.md, "Errors" (the KMS pages and the API gateway's general table).
 */
export const ERROR_STATUS = {
  MissingParameter: 400,
  InvalidParameter: 400,
  IncompleteSignature: 400,
  SignatureDoesNotMatch: 400,
  IllegalTimestamp: 400,
  SignatureNonceUsed: 400,
  /** Over a request quota: the service did nothing, so any call may be sent again ("QPS Limit Exceeded"). */
  'Rejected.Throttling': 429,
  /**
   * The older gateway's throttling code. The service answers `Rejected.Throttling` with 429 today; this one
   * is still recognised (and the emulator can inject it) because clients in the field meet both.
   */
  Throttling: 400,
  'Rejected.UnsupportedOperation': 400,
  'Rejected.LimitExceeded': 400,
  'InvalidAction.NotFound': 400,
  'InvalidAccessKeyId.NotFound': 404,
  'InvalidSecurityToken.Expired': 400,
  'InvalidSecurityToken.Malformed': 400,
  'Forbidden.KeyNotFound': 404,
  'Forbidden.AliasNotFound': 404,
  /** Named by no public page; kmsctl treats any not-found answer about a version as "missing" (see isNotFoundCode). */
  'Forbidden.KeyVersionNotFound': 404,
  'Forbidden.ResourceNotFound': 404,
  'Rejected.Disabled': 409,
  'Rejected.PendingDeletion': 409,
  'Rejected.PendingImport': 409,
  'Rejected.Unavailable': 409,
  /** A state change the key's state forbids (EnableKey on a key pending deletion, ScheduleKeyDeletion twice, ...). */
  'Rejected.StateModifiedFailed': 409,
  'Rejected.ResourceExist': 409,
  InternalFailure: 500,
  ServiceUnavailableTemporary: 503,
  // STS (API 2015-04-01), served by the emulator's STS endpoint: codes from the STS API reference; the HTTP statuses are not confirmed by public docs.
  'InvalidParameter.RoleArn': 400,
  'InvalidParameter.RoleSessionName': 400,
  'InvalidParameter.DurationSeconds': 400,
  'InvalidParameter.OIDCProviderArn': 400,
  'AuthenticationFail.OIDCToken.Invalid': 400,
  'AuthenticationFail.OIDCToken.Expired': 400,
  // The STS error-code page (help.aliyun.com ram api-sts-2015-04-01-errorcodes) answers every AuthenticationFail.* with 401.
  'AuthenticationFail.NoPermission': 401,
  'AuthenticationFail.OIDCToken.InvalidSignature': 401,
  'NoPermission.RoleArn': 403,
  'EntityNotExist.Role': 404,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Codes that mean "the key is not in the Enabled state", by the state they report (HTTP 409 each). */
export const STATE_REJECTION_CODES = {
  Disabled: 'Rejected.Disabled',
  PendingDeletion: 'Rejected.PendingDeletion',
  PendingImport: 'Rejected.PendingImport',
  Unavailable: 'Rejected.Unavailable',
} as const;

/** What a client knows of an error answer: enough to classify it. */
export interface ErrorAnswer {
  code: string;
  httpStatus: number;
}

/**
 * Whether an answer is the service refusing for rate: HTTP 429, `Rejected.Throttling`, or any code starting
 * `Throttling` (`Throttling`, `Throttling.User`, `Throttling.Api`). The one test the client's retries, its
 * adaptive limiter and pacing, and the applier all use: a throttled request did nothing on the service, so
 * even CreateKeyVersion may be sent again.
 */
export function isThrottling(answer: ErrorAnswer): boolean {
  return answer.httpStatus === 429 || answer.code === 'Rejected.Throttling' || answer.code.startsWith('Throttling');
}

/**
 * Codes the client retries for idempotent actions, besides throttling and any 5xx: the rule the public
 * Terraform provider and the official KMS clients use.
 */
export function isRetryableAnswer(answer: ErrorAnswer): boolean {
  return isThrottling(answer) || answer.httpStatus >= 500 || answer.code.includes('ServiceUnavailable') || answer.code === 'InternalFailure';
}

/**
 * Whether an answer says the thing named does not exist: 404 with a `*NotFound` code, or any
 * `Forbidden.*NotFound` / `*.NotFound` code. A pinned version is "missing" on any such answer about it,
 * whatever its exact code (no public page confirms `Forbidden.KeyVersionNotFound`).
 */
export function isNotFoundAnswer(answer: ErrorAnswer): boolean {
  // An unknown access key or action is not about the resource: those are the caller's problem, not a missing key.
  if (answer.code.startsWith('InvalidAccessKeyId') || answer.code.startsWith('InvalidAction')) return false;
  return /NotFound$/.test(answer.code) || answer.httpStatus === 404;
}
