/**
 * A key's field written at the wrong depth is the commonest YAML slip: `versions:` as a sibling of the
 * key (it then reads as a key named "versions") or at column 1 (a field of the config). The schema sees
 * a wrong type or an unknown field; this replaces those errors with one that says what happened and
 * where the field belongs.
 */
import type { ErrorObject } from 'ajv';
import { isMap, isScalar, type Document, type Pair } from 'yaml';
import { errorDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { CONFIG_CODES } from './codes.js';
import { quote } from './describe-path.js';
import { keyRange, pointerSegments } from './yaml-locate.js';

/** The fields of a key entry, the ones that get misindented. */
const KEY_FIELDS: ReadonlySet<string> = new Set(['account', 'keyId', 'region', 'versions', 'rotation', 'maxVersions']);

/** `diagnostics[i]` is `errors[i]`'s; returns them with every misindented field's errors as one diagnostic. */
export function misindentation(errors: readonly ErrorObject[], diagnostics: readonly Diagnostic[], document: Document, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  errors.forEach((error, i) => {
    const field = misindentedField(error);
    if (field === undefined) {
      out.push(diagnostics[i]!);
      return;
    }
    const id = `${field.level}\u0000${field.name}`;
    if (reported.has(id)) return;
    reported.add(id);
    out.push(field.level === 'top' ? atTopLevel(field.name, document, file) : asKey(field.name, document, file));
  });
  return out;
}

/** The names under `keys:` that are key fields written one level too shallow: no rule runs on such an entry. */
export function misindentedEntries(errors: readonly ErrorObject[]): string[] {
  return errors.map(misindentedField).flatMap((field) => (field?.level === 'keys' ? [field.name] : []));
}

/** A key field named by an error at the top level (unknown field) or as a key of its own (anything below it). */
function misindentedField(error: ErrorObject): { level: 'top' | 'keys'; name: string } | undefined {
  const path = pointerSegments(error.instancePath);
  if (path.length === 0 && error.keyword === 'additionalProperties') {
    const name = String((error.params as { additionalProperty: string }).additionalProperty);
    return KEY_FIELDS.has(name) ? { level: 'top', name } : undefined;
  }
  if (path[0] === 'keys' && path[1] !== undefined && KEY_FIELDS.has(path[1]) && error.propertyName === undefined) return { level: 'keys', name: path[1] };
  return undefined;
}

function asKey(name: string, document: Document, file: string): Diagnostic {
  const where = keyRange(document, file, ['keys', name]);
  const above = keyAbove(document, where.start);
  return errorDiagnostic(
    CONFIG_CODES.misindented,
    `${quote(name)} is indented as a key of its own, not as a field of a key`,
    where,
    above === undefined ? `indent it under the key it belongs to` : `indent it 2 spaces more, under key ${quote(above)} above it`,
  );
}

function atTopLevel(name: string, document: Document, file: string): Diagnostic {
  const where = keyRange(document, file, [name]);
  const above = keyAbove(document, where.start);
  return errorDiagnostic(
    CONFIG_CODES.misindented,
    `${quote(name)} is at the top level of the config, where it is not a field`,
    where,
    above === undefined ? 'it is a field of a key: indent it under the key it belongs to, in keys:' : `it is a field of a key: indent it under key ${quote(above)} above it, in keys:`,
  );
}

/** The name of the last entry of `keys:` written before `offset` (not counting key-field names), if any. */
function keyAbove(document: Document, offset: number): string | undefined {
  const root = document.contents;
  if (!isMap(root)) return undefined;
  const keys = (root.items as Pair[]).find((pair) => isScalar(pair.key) && pair.key.value === 'keys')?.value;
  if (!isMap(keys)) return undefined;
  let found: string | undefined;
  for (const pair of keys.items as Pair[]) {
    if (!isScalar(pair.key) || (pair.key.range?.[0] ?? Infinity) >= offset) continue;
    const name = String(pair.key.value);
    if (!KEY_FIELDS.has(name)) found = name;
  }
  return found;
}
