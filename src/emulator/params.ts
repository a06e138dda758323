/**
 * Reads an action's parameters with the service's validation: a required parameter that is absent or
 * empty is MissingParameter; a malformed value is InvalidParameter quoting it.
 */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../kms/wire/enums.js';
import { invalidParameter, missingParameter } from './errors.js';

export interface Paging {
  pageNumber: number;
  pageSize: number;
}

export class ParamReader {
  constructor(private readonly params: Readonly<Record<string, string>>) {}

  /** The value, or undefined when absent or empty (the SDKs send unset strings as empty). */
  optional(name: string): string | undefined {
    const value = this.params[name];
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  /** One of `allowed`, or `fallback` when absent. */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: undefined): T | undefined;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) throw invalidParameter(name, value, `is not one of ${allowed.join(', ')}`);
    return value as T;
  }

  /** A decimal integer in [min, max], or `fallback` when absent. */
  integer(name: string, min: number, max: number, fallback?: number): number | undefined {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if (!/^\d{1,9}$/.test(value)) throw invalidParameter(name, value, 'is not a whole number');
    const number = Number(value);
    if (number < min || number > max) throw invalidParameter(name, value, `is not between ${min} and ${max}`);
    return number;
  }

  /** `true`/`false` in any case, or undefined when absent. */
  boolean(name: string): boolean | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw invalidParameter(name, value, 'is not true or false');
    return lower === 'true';
  }

  /** PageNumber (from 1) and PageSize (1..100, default 10). */
  paging(): Paging {
    return {
      pageNumber: this.integer('PageNumber', 1, 999_999_999, 1) ?? 1,
      pageSize: this.integer('PageSize', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE,
    };
  }
}

/** One page of `items` with the service's paging fields. */
export function page<T>(items: readonly T[], paging: Paging): { items: T[]; PageNumber: number; PageSize: number; TotalCount: number } {
  const start = (paging.pageNumber - 1) * paging.pageSize;
  return {
    items: items.slice(start, start + paging.pageSize),
    PageNumber: paging.pageNumber,
    PageSize: paging.pageSize,
    TotalCount: items.length,
  };
}
