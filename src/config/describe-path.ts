/**
 * Human names for places in a config, from the segments of a path into it: `"maxAge" of key
 * "payments-signing"`, `version 2 of key "x"`. Messages quote these so they read like the YAML.
 */
import type { PathSegment } from './yaml-locate.js';

/** The thing at `path`, as the subject of a sentence. */
export function describeSubject(path: readonly PathSegment[]): string {
  const [first, name, section, index, field] = path;
  if (path.length === 0) return 'the config';
  if (first === 'keys' && name !== undefined) {
    const key = `key ${quote(name)}`;
    if (section === undefined) return key;
    if (section === 'versions' && index !== undefined) {
      const version = `version ${Number(index) + 1} of ${key}`;
      return field === undefined ? version : `${quote(field)} of ${version}`;
    }
    const dotted = [section, index, field].filter((s) => s !== undefined).join('.');
    return `${quote(dotted)} of ${key}`;
  }
  if (first === 'accounts' && name !== undefined) {
    const account = `account ${quote(name)}`;
    return section === undefined ? account : `${quote(path.slice(2).join('.'))} of ${account}`;
  }
  return quote(path.join('.'));
}

/** The container at `path`, after "in": `rotation of key "x"`, `defaults`, `the top level`. */
export function describeContainer(path: readonly PathSegment[]): string {
  const [first, name, section, index] = path;
  if (path.length === 0) return 'at the top level';
  if (first === 'keys' && name !== undefined) {
    const key = `key ${quote(name)}`;
    if (section === undefined) return `in ${key}`;
    if (section === 'versions' && index !== undefined) return `in version ${Number(index) + 1} of ${key}`;
    return `in ${String(section)} of ${key}`;
  }
  if (first === 'accounts' && name !== undefined) return `in account ${quote(name)}`;
  return `in ${path.join('.')}`;
}

/** The kind of a plain value in YAML words, quoting short scalars: `a string ("40")`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(shorten(value))})`;
    case 'number':
      return Number.isInteger(value) ? `an integer (${value})` : `a number (${value})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'object':
      return value instanceof Uint8Array ? 'binary data' : 'a mapping';
    default:
      return `a ${typeof value}`;
  }
}

/** JSON Schema type names in YAML words. */
export function describeType(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'integer':
      return 'an integer';
    default:
      return `a ${type}`;
  }
}

export function quote(segment: PathSegment): string {
  return JSON.stringify(typeof segment === 'string' ? shorten(segment) : String(segment));
}

export function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
