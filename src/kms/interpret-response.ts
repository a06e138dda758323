/**
 * Turns one HTTP response into the decoded value, a `KmsApiError` (the service's error body, with
 * any echoed credential scrubbed), or a `bad-response` transport error that describes the body's
 * shape but never quotes it.
 */
import type { KmsAction } from './actions.js';
import { DecodeError, parseJsonObject } from './decode.js';
import { parseServiceError } from './decode-error.js';
import { KmsApiError, KmsTransportError } from './errors.js';
import type { HttpResponse } from './http-transport.js';
import { sanitizeRelayedText } from './redact.js';

export interface ResponseContext {
  action: KmsAction;
  /** The endpoint URL, for messages. */
  endpoint: string;
  keyId: string | undefined;
  /** The secret and token of the attempt, scrubbed from anything the service echoes. */
  secrets: readonly (string | undefined)[];
  /** The access key ID of the attempt, masked wherever the service echoes it. */
  accessKeyIds?: readonly (string | undefined)[] | undefined;
}

export function interpretResponse<T>(response: HttpResponse, decode: (body: Record<string, unknown>) => T, ctx: ResponseContext): T {
  const { action, endpoint, keyId } = ctx;
  if (response.status >= 200 && response.status < 300) {
    try {
      return decode(parseJsonObject(response.body));
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      throw new KmsTransportError('bad-response', action, endpoint, `unexpected ${action} response (HTTP ${response.status}): ${error.message}`, response.status, keyId);
    }
  }
  const service = parseServiceError(response.body);
  if (service) {
    // Everything relayed from the answer is sanitised: an echoed string to sign holds the access key ID and the token.
    const clean = (text: string): string => sanitizeRelayedText(text, ctx);
    const scrub = (text: string | undefined) => (text === undefined ? undefined : clean(text));
    throw new KmsApiError({
      httpStatus: response.status,
      code: clean(service.code),
      message: clean(service.message),
      requestId: clean(service.requestId),
      hostId: scrub(service.hostId),
      recommend: scrub(service.recommend),
      action,
      endpoint,
      keyId,
    });
  }
  throw new KmsTransportError('bad-response', action, endpoint, `HTTP ${response.status} with ${describeBody(response)}, not a KMS answer`, response.status, keyId);
}

/** `an empty body` / `a 1234-byte text/html body`: the shape of an answer, never its content. */
export function describeBody(response: HttpResponse): string {
  if (response.body.trim() === '') return 'an empty body';
  const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim() || 'untyped';
  return `a ${Buffer.byteLength(response.body)}-byte ${type} body`;
}

/** An HTTP `Date` header as a Date; undefined when absent or unreadable. */
export function parseHttpDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  // The header changes once a second and every answer carries it: parsing it once per change will do.
  if (value !== lastHttpDate.text) lastHttpDate = { text: value, ms: Date.parse(value) };
  return Number.isNaN(lastHttpDate.ms) ? undefined : new Date(lastHttpDate.ms);
}

let lastHttpDate = { text: '', ms: Number.NaN };
