/**
 * ListKeys `Filters`: a JSON array such as `[{"Key":"KeyState","Values":["Enabled","Disabled"]}]`.
 * Filters combine with AND, values within one filter with OR, as the service documents.
 */
import { invalidParameter } from '../errors.js';
import type { KeyView } from '../model.js';

const FILTER_FIELDS = {
  KeyState: (key: KeyView) => key.keyState,
  KeySpec: (key: KeyView) => key.keySpec,
  KeyUsage: (key: KeyView) => key.keyUsage,
  ProtectionLevel: (key: KeyView) => key.protectionLevel,
  CreatorType: () => 'User',
} as const;

type FilterField = keyof typeof FILTER_FIELDS;

export function filterKeys(keys: KeyView[], filtersText: string | undefined): KeyView[] {
  if (filtersText === undefined) return keys;
  const filters = parseFilters(filtersText);
  return keys.filter((key) => filters.every(({ field, values }) => values.includes(FILTER_FIELDS[field](key))));
}

function parseFilters(text: string): { field: FilterField; values: string[] }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameter('Filters', text, 'is not JSON');
  }
  if (!Array.isArray(parsed)) throw invalidParameter('Filters', text, 'is not a JSON array');
  return parsed.map((item: unknown) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as { Key?: unknown; Values?: unknown };
    if (typeof entry.Key !== 'string' || !Object.hasOwn(FILTER_FIELDS, entry.Key)) {
      throw invalidParameter('Filters', text, `has a filter whose Key is not one of ${Object.keys(FILTER_FIELDS).join(', ')}`);
    }
    if (!Array.isArray(entry.Values) || !entry.Values.every((v): v is string => typeof v === 'string')) {
      throw invalidParameter('Filters', text, `has a filter on ${entry.Key} whose Values is not an array of strings`);
    }
    return { field: entry.Key as FilterField, values: entry.Values };
  });
}
