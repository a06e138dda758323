/**
 * The two error bodies of the service, and which one answers what.
 *
 * - KMS's own errors, raised once a request reached KMS (a missing KeyId, an unknown key, a key in the
 *   wrong state, a rule of CreateKeyVersion, an internal failure), use the form of the KMS pages'
 *   sample error response: `{HttpStatus, Code, Message, RequestId}`, XML root `<KMS>`.
 * - Refusals of the API gateway in front of KMS, which never reach KMS (the signature, timestamp or
 *   nonce, an unknown access key or security token, throttling, a missing Action or Version, an unknown
 *   action, a request that cannot be decoded), use the gateway's general form:
 *   `{RequestId, HostId, Code, Message, Recommend}`, XML root `<Error>`.
 *
 * A client must read both (../../shared/kms-api.md, "Errors"); answering each where the service does
 * is what lets the emulator catch a client that reads only one.
 *
 * Every error message the emulator sends is built here, and many quote what the caller sent (an action,
 * a key ID, a parameter value, the Host header): control and bidi characters in them are shown escaped
 * (`\u001b`), so an answer printed by curl or a log viewer cannot rewrite a terminal.
 */
import { displayText } from '../diagnostics/display-text.js';
import type { WireErrorBody, WireGatewayErrorBody, WireKmsErrorBody } from '../kms/wire/types.js';
import type { ErrorForm, KmsServiceError } from './errors.js';

/** Codes only the gateway answers, wherever they are raised (an injected fault, say). */
const GATEWAY_CODES: ReadonlySet<string> = new Set([
  'IncompleteSignature',
  'SignatureDoesNotMatch',
  'IllegalTimestamp',
  'SignatureNonceUsed',
  'InvalidAccessKeyId.NotFound',
  'InvalidSecurityToken.Expired',
  'InvalidSecurityToken.Malformed',
  'Rejected.Throttling',
  'Throttling',
  'InvalidAction.NotFound',
]);

/** The form of an error: the thrower's choice, else the gateway's for its codes, else by where it arose. */
export function errorFormOf(error: Pick<KmsServiceError, 'code' | 'form'>, raisedAt: ErrorForm): ErrorForm {
  if (error.form !== undefined) return error.form;
  return GATEWAY_CODES.has(error.code) || error.code.startsWith('Throttling') ? 'gateway' : raisedAt;
}

export interface ErrorAnswerFields {
  requestId: string;
  hostId: string;
  status: number;
  code: string;
  message: string;
}

/** The body of an error answer in its form, with the XML root element that form has. */
export function errorAnswer(form: ErrorForm, fields: ErrorAnswerFields): { rootName: 'KMS' | 'Error'; body: WireErrorBody } {
  if (form === 'kms') return { rootName: 'KMS', body: kmsErrorBody(fields) };
  return { rootName: 'Error', body: gatewayErrorBody(fields) };
}

export function kmsErrorBody(fields: ErrorAnswerFields): WireKmsErrorBody {
  return { HttpStatus: fields.status, Code: fields.code, Message: displayText(fields.message), RequestId: fields.requestId };
}

export function gatewayErrorBody(fields: Omit<ErrorAnswerFields, 'status'>): WireGatewayErrorBody {
  return {
    RequestId: fields.requestId,
    HostId: displayText(fields.hostId),
    Code: fields.code,
    Message: displayText(fields.message),
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(fields.code)}&product=Kms&requestId=${fields.requestId}`,
  };
}
