/**
 * The primitives of decoding the service's JSON answers, with its quirks: `""` for unset fields,
 * numbers sent as strings, dates normalised to `yyyy-MM-ddTHH:mm:ssZ`, a one-element list sent as an
 * object. Fields are named by the keys of the wire types (`WireJson<W>`), never by free strings. A value
 * of the wrong shape throws `DecodeError`, which names the field only.
 */
import { isNormalUtcDate } from '../time/utc-date.js';

/** The answer does not have the expected shape; the message names the field, never the body. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

type Json = Record<string, unknown>;

/**
 * An answer (or a part of one) as the wire type `W` describes it: its fields are only `W`'s keys, each
 * of unknown value until read. Reading a field not in `W` fails the typecheck, so a field renamed in
 * wire/types.ts fails every decoder that reads it.
 */
export type WireJson<W> = { readonly [K in keyof W]?: unknown };

/** A field name of `W`. */
export type WireField<W> = keyof W & string;

/** Parses a body that must be a JSON object. */
export function parseJsonObject(text: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DecodeError(text.trim() === '' ? 'the body is empty' : 'the body is not JSON');
  }
  return asObject(value, 'the body');
}

/** A value that must be an object, read as the wire type `W`. */
export function asWire<W>(value: unknown, what: string): WireJson<W> {
  return asObject(value, what) as WireJson<W>;
}

function asObject(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DecodeError(`${what} is not an object`);
  return value as Json;
}

/** A required string field; numbers are accepted and turned into strings. */
export function requiredString<W>(o: WireJson<W>, field: WireField<W>): string {
  const value = optionalString(o, field);
  if (value === undefined) throw new DecodeError(`${field} is missing or empty`);
  return value;
}

/** An optional string field: absent, null and `""` are all undefined. */
export function optionalString<W>(o: WireJson<W>, field: WireField<W>): string | undefined {
  const value: unknown = o[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new DecodeError(`${field} is not a string`);
}

/** A required non-negative integer that may arrive as a string (`"3"`). */
export function requiredInteger<W>(o: WireJson<W>, field: WireField<W>): number {
  const value: unknown = o[field];
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 0) throw new DecodeError(`${field} is not a non-negative integer`);
  return number;
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** A date as `yyyy-MM-ddTHH:mm:ssZ` in UTC, whatever ISO 8601 form (offset, milliseconds) it came in. */
export function normaliseDate(text: string, field: string): string {
  // The service sends every date in the normal form already; checking its digits and ranges spares two
  // Date objects and three regular expressions per date, a dozen dates per key read.
  return isNormalUtcDate(text) ? text : parseIsoDate(text, field);
}

/** The general path of `normaliseDate`: any ISO 8601 form, or `DecodeError`. */
export function parseIsoDate(text: string, field: string): string {
  const trimmed = text.trim();
  const parsed = ISO_DATE.test(trimmed) ? Date.parse(trimmed.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN;
  if (Number.isNaN(parsed)) throw new DecodeError(`${field} is not an ISO 8601 date`);
  return new Date(parsed).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function requiredDate<W>(o: WireJson<W>, field: WireField<W>): string {
  return normaliseDate(requiredString(o, field), field);
}

export function optionalDate<W>(o: WireJson<W>, field: WireField<W>): string | undefined {
  const value = optionalString(o, field);
  return value === undefined ? undefined : normaliseDate(value, field);
}

/** `{Outer: {Inner: [...]}}` → the array; a missing container is empty, a lone object is a list of one. */
export function nestedList<W, O extends WireField<W>>(o: WireJson<W>, outer: O, inner: WireField<NonNullable<W[O]>>): unknown[] {
  const container: unknown = o[outer];
  if (container === undefined || container === null || container === '') return [];
  const items: unknown = asObject(container, outer)[inner];
  if (items === undefined || items === null) return [];
  if (Array.isArray(items)) return items;
  if (typeof items === 'object') return [items];
  throw new DecodeError(`${outer}.${inner} is not a list`);
}

/** The request ID of an answer; empty when the service left it out. */
export function requestIdOf(o: WireJson<{ RequestId: string }>): string {
  return optionalString(o, 'RequestId') ?? '';
}

