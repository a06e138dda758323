/**
 * Reads the service's error body in both of its forms, JSON or XML: KMS's own
 * (`{"HttpStatus","Code","Message","RequestId"}`, XML root `<KMS>`) and the API gateway's
 * (`{"RequestId","HostId","Code","Message","Recommend"}`, root `<Error>`). Fields are named by the
 * keys of the wire types, so the two ends cannot drift apart. Anything else is not a service error.
 */
import type { WireGatewayErrorBody, WireKmsErrorBody } from './wire/types.js';

export interface ServiceErrorFields {
  code: string;
  message: string;
  requestId: string;
  hostId: string | undefined;
  recommend: string | undefined;
  /** The status KMS's own body states (`HttpStatus`); the response's status is what counts. */
  statedStatus: number | undefined;
}

/** A field of either error body. */
type ErrorField = keyof WireKmsErrorBody | keyof WireGatewayErrorBody;

/** The service error in a body, or undefined when the body is not one (HTML, empty, garbled). */
export function parseServiceError(body: string): ServiceErrorFields | undefined {
  const text = body.trim();
  if (text.startsWith('{')) return fromJson(text);
  if (text.startsWith('<')) return fromXml(text);
  return undefined;
}

function fromJson(text: string): ServiceErrorFields | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Partial<Record<ErrorField, unknown>>;
  return fields((name) => field(o[name]));
}

function fromXml(text: string): ServiceErrorFields | undefined {
  if (!/<(Error|KMS)[\s>]/.test(text)) return undefined;
  return fields((name) => xmlField(text, name));
}

function fields(read: (name: ErrorField) => string | undefined): ServiceErrorFields | undefined {
  const code = read('Code');
  if (code === undefined) return undefined;
  const stated = read('HttpStatus');
  return {
    code,
    message: read('Message') ?? '',
    requestId: read('RequestId') ?? '',
    hostId: read('HostId'),
    recommend: read('Recommend'),
    statedStatus: stated !== undefined && /^\d{3}$/.test(stated) ? Number(stated) : undefined,
  };
}

function field(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function xmlField(text: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(text);
  const raw = match?.[1] ?? match?.[2];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw
    .trim()
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
