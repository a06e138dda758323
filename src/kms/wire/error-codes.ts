/** The service's error codes with their HTTP status, defined once for the client and the emulator. */
export const ERROR_STATUS = {
  MissingParameter: 400,
  InvalidParameter: 400,
  IncompleteSignature: 400,
  SignatureDoesNotMatch: 400,
  IllegalTimestamp: 400,
  SignatureNonceUsed: 400,
  Throttling: 400,
  'Rejected.UnsupportedOperation': 400,
  'Rejected.LimitExceeded': 400,
  'InvalidAction.NotFound': 400,
  'InvalidAccessKeyId.NotFound': 404,
  'InvalidSecurityToken.Expired': 400,
  'InvalidSecurityToken.Malformed': 400,
  'Forbidden.KeyNotFound': 404,
  'Forbidden.AliasNotFound': 404,
  'Forbidden.KeyVersionNotFound': 404,
  'Rejected.Disabled': 409,
  'Rejected.PendingDeletion': 409,
  'Rejected.PendingImport': 409,
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
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Codes that mean "the key is not in the Enabled state", by the state they report. */
export const STATE_REJECTION_CODES = {
  Disabled: 'Rejected.Disabled',
  PendingDeletion: 'Rejected.PendingDeletion',
  PendingImport: 'Rejected.PendingImport',
} as const;

/** Codes the client retries: the same rule the public Terraform provider uses. */
export function isRetryableCode(code: string): boolean {
  return code.includes('Throttling') || code.includes('ServiceUnavailable') || code === 'InternalFailure';
}
