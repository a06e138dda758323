/**
 * Errors of the KMS client. An API error is an answer from the service (it has a Code and a RequestId);
 * a transport error means no usable answer came back. Neither ever carries a credential: messages are
 * built from the service's own fields and from the action, endpoint and key, never from the request.
 */

export interface ApiErrorFields {
  httpStatus: number;
  code: string;
  message: string;
  requestId: string;
  hostId?: string | undefined;
  recommend?: string | undefined;
  action: string;
  endpoint: string;
  /** The key (ID or alias) the call was about, when it was about one: named in the message. */
  keyId?: string | undefined;
}

/** ` for key <id>` when there is a key, else nothing: the message part that names the key. */
function forKey(keyId: string | undefined): string {
  return keyId ? ` for key ${keyId}` : '';
}

export class KmsApiError extends Error {
  override readonly name = 'KmsApiError';
  readonly httpStatus: number;
  readonly code: string;
  readonly serviceMessage: string;
  readonly requestId: string;
  readonly hostId: string | undefined;
  readonly recommend: string | undefined;
  readonly action: string;
  readonly endpoint: string;
  readonly keyId: string | undefined;

  constructor(fields: ApiErrorFields) {
    super(`${fields.action}${forKey(fields.keyId)} failed: ${fields.code}: ${fields.message} (HTTP ${fields.httpStatus}, RequestId ${fields.requestId || 'none'})`);
    this.httpStatus = fields.httpStatus;
    this.code = fields.code;
    this.serviceMessage = fields.message;
    this.requestId = fields.requestId;
    this.hostId = fields.hostId;
    this.recommend = fields.recommend;
    this.action = fields.action;
    this.endpoint = fields.endpoint;
    this.keyId = fields.keyId;
  }
}

export type TransportErrorKind =
  /** Could not connect (refused, DNS, TLS handshake). Nothing reached the service. */
  | 'connect'
  /** Connected, but the answer did not arrive in time (headers or body time-out). The request may have been served. */
  | 'timeout'
  /** The connection closed before a full answer. The request may have been served. */
  | 'reset'
  /** An answer came that is not the service's (not JSON, wrong shape). */
  | 'bad-response'
  /** The overall deadline of the call passed across retries. */
  | 'deadline';

export class KmsTransportError extends Error {
  override readonly name = 'KmsTransportError';
  readonly kind: TransportErrorKind;
  readonly action: string;
  readonly endpoint: string;
  readonly httpStatus: number | undefined;
  readonly keyId: string | undefined;

  constructor(kind: TransportErrorKind, action: string, endpoint: string, detail: string, httpStatus?: number, keyId?: string) {
    super(`${action}${forKey(keyId)} to ${endpoint} failed: ${detail}`);
    this.kind = kind;
    this.action = action;
    this.endpoint = endpoint;
    this.httpStatus = httpStatus;
    this.keyId = keyId;
  }
}

/** A failure after which the service may or may not have done the work (for a non-idempotent call). */
export function isAmbiguousFailure(error: unknown): boolean {
  if (error instanceof KmsTransportError) return error.kind !== 'connect';
  if (error instanceof KmsApiError) return error.httpStatus >= 500;
  return false;
}

/** Raised before any request when configuration is wrong (bad endpoint, plain http to a remote host, no credentials). */
export class KmsConfigError extends Error {
  override readonly name: string = 'KmsConfigError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * An account's credentials could not be had: its role could not be assumed, or its profile could not be
 * used. It concerns that account's keys only; the message names the account and the role ARN, and for an
 * STS refusal the STS code and request ID (never a secret).
 */
export class AccountCredentialsError extends KmsConfigError {
  override readonly name: string = 'AccountCredentialsError';
  readonly account: string;
  readonly roleArn: string | undefined;
  /** STS's error code and request ID, when STS answered. */
  readonly stsCode: string | undefined;
  readonly requestId: string | undefined;

  constructor(fields: { code: string; message: string; account: string; roleArn?: string | undefined; stsCode?: string | undefined; requestId?: string | undefined }) {
    super(fields.code, fields.message);
    this.account = fields.account;
    this.roleArn = fields.roleArn;
    this.stsCode = fields.stsCode;
    this.requestId = fields.requestId;
  }
}
