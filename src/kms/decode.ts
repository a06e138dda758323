/**
 * Turns the service's JSON answers into the typed values of ./types.ts, handling its quirks: `""` for
 * unset fields, numbers sent as strings, dates normalised to `yyyy-MM-ddTHH:mm:ssZ`, a one-element list
 * sent as an object. A value of the wrong shape throws `DecodeError`, which names the field only.
 */
import type { Alias, KeyListEntry, KeyMetadata, KeyVersion, KmsInstanceInfo } from './types.js';

/** The answer does not have the expected shape; the message names the field, never the body. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

/** One page of a paged listing, as decoded. */
export interface Page<T> {
  items: T[];
  pageNumber: number;
  pageSize: number;
  totalCount: number;
  requestId: string;
}

type Json = Record<string, unknown>;

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

function asObject(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DecodeError(`${what} is not an object`);
  return value as Json;
}

/** A required string field; numbers are accepted and turned into strings. */
export function requiredString(o: Json, field: string): string {
  const value = optionalString(o, field);
  if (value === undefined) throw new DecodeError(`${field} is missing or empty`);
  return value;
}

/** An optional string field: absent, null and `""` are all undefined. */
export function optionalString(o: Json, field: string): string | undefined {
  const value = o[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new DecodeError(`${field} is not a string`);
}

/** A required non-negative integer that may arrive as a string (`"3"`). */
export function requiredInteger(o: Json, field: string): number {
  const value = o[field];
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

/**
 * True for `yyyy-MM-ddTHH:mm:ssZ` naming a real instant (the month has that day, hours 00-23, no leap
 * second): exactly the texts that `parseIsoDate` returns unchanged.
 */
export function isNormalUtcDate(text: string): boolean {
  if (text.length !== 20) return false;
  const c = (i: number): number => text.charCodeAt(i);
  if (c(4) !== 45 || c(7) !== 45 || c(10) !== 84 || c(13) !== 58 || c(16) !== 58 || c(19) !== 90) return false; // - - T : : Z
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  return day <= daysInMonth(year, month);
}

/** The decimal number written by `length` ASCII digits from `start`, or -1 when one is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function requiredDate(o: Json, field: string): string {
  return normaliseDate(requiredString(o, field), field);
}

export function optionalDate(o: Json, field: string): string | undefined {
  const value = optionalString(o, field);
  return value === undefined ? undefined : normaliseDate(value, field);
}

/** `{Outer: {Inner: [...]}}` → the array; a missing container is empty, a lone object is a list of one. */
export function nestedList(o: Json, outer: string, inner: string): unknown[] {
  const container = o[outer];
  if (container === undefined || container === null || container === '') return [];
  const items = asObject(container, outer)[inner];
  if (items === undefined || items === null) return [];
  if (Array.isArray(items)) return items;
  if (typeof items === 'object') return [items];
  throw new DecodeError(`${outer}.${inner} is not a list`);
}

/** The request ID of an answer; empty when the service left it out. */
export function requestIdOf(o: Json): string {
  return optionalString(o, 'RequestId') ?? '';
}

export function decodeKeyMetadata(value: unknown): KeyMetadata {
  const m = asObject(value, 'KeyMetadata');
  return {
    keyId: requiredString(m, 'KeyId'),
    arn: requiredString(m, 'Arn'),
    keySpec: requiredString(m, 'KeySpec'),
    keyUsage: requiredString(m, 'KeyUsage'),
    keyState: requiredString(m, 'KeyState'),
    origin: requiredString(m, 'Origin'),
    // The service's documented default; old keys may leave it out.
    protectionLevel: optionalString(m, 'ProtectionLevel') ?? 'SOFTWARE',
    dkmsInstanceId: optionalString(m, 'DKMSInstanceId'),
    creationDate: requiredDate(m, 'CreationDate'),
    lastRotationDate: optionalDate(m, 'LastRotationDate'),
    primaryKeyVersion: optionalString(m, 'PrimaryKeyVersion'),
    automaticRotation: optionalString(m, 'AutomaticRotation'),
    rotationInterval: optionalString(m, 'RotationInterval'),
    nextRotationDate: optionalDate(m, 'NextRotationDate'),
    deleteDate: optionalDate(m, 'DeleteDate'),
    materialExpireTime: optionalDate(m, 'MaterialExpireTime'),
    creator: optionalString(m, 'Creator'),
    description: optionalString(m, 'Description'),
    deletionProtection: optionalString(m, 'DeletionProtection'),
  };
}

export function decodeKeyVersion(value: unknown): KeyVersion {
  const v = asObject(value, 'KeyVersion');
  return { keyId: requiredString(v, 'KeyId'), keyVersionId: requiredString(v, 'KeyVersionId'), creationDate: requiredDate(v, 'CreationDate') };
}

export function decodeAlias(value: unknown): Alias {
  const a = asObject(value, 'Alias');
  return { aliasName: requiredString(a, 'AliasName'), aliasArn: optionalString(a, 'AliasArn') ?? '', keyId: requiredString(a, 'KeyId') };
}

export function decodeKeyListEntry(value: unknown): KeyListEntry {
  const k = asObject(value, 'Key');
  return { keyId: requiredString(k, 'KeyId'), keyArn: optionalString(k, 'KeyArn') ?? '' };
}

/** `{KeyMetadata, RequestId}` (DescribeKey, CreateKey). */
export function decodeKeyMetadataResponse(body: Json): { value: KeyMetadata; requestId: string } {
  return { value: decodeKeyMetadata(body.KeyMetadata), requestId: requestIdOf(body) };
}

/** `{KeyVersion, RequestId}` (CreateKeyVersion, DescribeKeyVersion). */
export function decodeKeyVersionResponse(body: Json): { value: KeyVersion; requestId: string } {
  return { value: decodeKeyVersion(body.KeyVersion), requestId: requestIdOf(body) };
}

/** `{KmsInstance, RequestId}` (GetKmsInstance). */
export function decodeKmsInstanceResponse(body: Json): { value: KmsInstanceInfo; requestId: string } {
  const i = asObject(body.KmsInstance, 'KmsInstance');
  const keyNum = optionalString(i, 'KeyNum');
  return {
    value: {
      instanceId: requiredString(i, 'InstanceId'),
      instanceName: optionalString(i, 'InstanceName'),
      status: optionalString(i, 'Status'),
      productType: optionalString(i, 'ProductType'),
      productVersion: optionalString(i, 'ProductVersion'),
      keyNum: keyNum === undefined || !/^\d+$/.test(keyNum) ? undefined : Number(keyNum),
    },
    requestId: requestIdOf(body),
  };
}

/** `{RequestId}` only (CreateAlias, EnableKey, ...). */
export function decodeEmptyResponse(body: Json): { requestId: string } {
  return { requestId: requestIdOf(body) };
}

/** A page of a listing: `{Outer: {Inner: [...]}, PageNumber, PageSize, TotalCount, RequestId}`. */
export function decodePage<T>(body: Json, outer: string, inner: string, decodeItem: (value: unknown) => T): Page<T> {
  return {
    items: nestedList(body, outer, inner).map(decodeItem),
    pageNumber: requiredInteger(body, 'PageNumber'),
    pageSize: requiredInteger(body, 'PageSize'),
    totalCount: requiredInteger(body, 'TotalCount'),
    requestId: requestIdOf(body),
  };
}
