/**
 * Copies the store makes of its records: a key's fields before its first edit in a mutation (restored
 * in place if the mutation fails), and the whole state for a state file.
 */
import type { KeyRecord } from './model.js';

/** What `restoreRecord` needs to put a key record back exactly: its fields, and each version's fields. */
export interface SavedRecord {
  fields: KeyRecord;
  versions: [object: KeyRecord['versions'][number], fields: KeyRecord['versions'][number]][];
}

export function saveRecord(key: KeyRecord): SavedRecord {
  return { fields: { ...key }, versions: key.versions.map((version) => [version, { ...version }]) };
}

/** Restores into the same objects (record, versions array, version records), so references held elsewhere stay valid. */
export function restoreRecord(key: KeyRecord, saved: SavedRecord): void {
  overwrite(key, saved.fields);
  key.versions.splice(0, key.versions.length, ...saved.versions.map(([version, fields]) => overwrite(version, fields)));
}

function overwrite<T extends object>(target: T, source: T): T {
  for (const name of Object.keys(target)) if (!Object.hasOwn(source, name)) delete (target as Record<string, unknown>)[name];
  return Object.assign(target, source);
}

/**
 * A deep copy of plain data (objects, arrays, primitives), which is all the state holds. Used for
 * state files: structuredClone costs half a second on a store of 10,000 keys, this a few ms.
 */
export function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(value)) copy[name] = copyPlain((value as Record<string, unknown>)[name]);
  return copy as T;
}
