/**
 * The first validation pass: the JSON Schema in schemas/kmsctl.schema.json, checked with ajv, for the
 * structure of one file. It does not stop the second pass: every part that failed is taken out of the
 * value the rules see and recorded (schema-damage.ts), so the rules run on everything well formed and
 * all the mistakes of a file show at once, none of them twice.
 */
import type { ErrorObject } from 'ajv';
import { configValidator } from './config-validator.js';
import { misindentation, misindentedEntries } from './misindentation.js';
import { SchemaDamage } from './schema-damage.js';
import { passedSchema, type SchemaCheck } from './schema-result.js';
import { relevantErrors, schemaErrorToDiagnostic } from './schema-errors.js';
import type { ParsedFile } from './written-config.js';
import { pointerSegments, type PathSegment } from './yaml-locate.js';

export async function checkSchema(parsed: ParsedFile): Promise<SchemaCheck> {
  const validate = await configValidator();
  if (validate(parsed.value)) return passedSchema(parsed.value);
  const errors = validate.errors ?? [];
  const value = clonePlain(parsed.value);
  const damage = new SchemaDamage();
  let usable = true;
  for (const error of errors) {
    const path = pointerSegments(error.instancePath);
    const damaged = damagedPath(error, path);
    if (damaged === undefined) continue;
    damage.add(damaged);
    if (error.keyword !== 'required') remove(value, damaged);
    const [first] = damaged;
    // Another format version may mean something else by its keys, so no rule runs on them.
    if (damaged.length === 0 || first === 'version' || (first === 'keys' && damaged.length === 1)) usable = false;
  }
  // A key field written as a key of its own is reported as such, and is no key for the rules.
  for (const name of misindentedEntries(errors)) {
    damage.add(['keys', name]);
    remove(value, ['keys', name]);
  }
  const relevant = relevantErrors(errors);
  const diagnostics = misindentation(relevant, relevant.map((e) => schemaErrorToDiagnostic(e, parsed.document, parsed.path)), parsed.document, parsed.path);
  return { diagnostics, value, damage, usable };
}

/** The path an error makes unusable, or undefined when the value there stays usable (a bad name, too many items). */
function damagedPath(error: ErrorObject, path: PathSegment[]): PathSegment[] | undefined {
  if (error.keyword === 'propertyNames' || error.propertyName !== undefined) return undefined;
  switch (error.keyword) {
    case 'additionalProperties':
      return [...path, String((error.params as { additionalProperty: string }).additionalProperty)];
    case 'required':
      return [...path, String((error.params as { missingProperty: string }).missingProperty)];
    case 'maxItems':
      return undefined;
    default:
      return path;
  }
}

/** A deep copy of a plain value; own keys such as `__proto__` stay own keys. */
function clonePlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clonePlain);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) Object.defineProperty(copy, key, { value: clonePlain(item), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Takes the value at `path` out: deleted from a mapping, replaced by `{}` in a list (indices keep their places). */
function remove(root: unknown, path: readonly PathSegment[]): void {
  if (path.length === 0) return;
  let node = root;
  for (const segment of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, String(segment))) return;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  const last = String(path.at(-1));
  if (Array.isArray(node)) {
    if (Object.hasOwn(node, last)) node[Number(last)] = {};
  } else if (typeof node === 'object' && node !== null) {
    delete (node as Record<string, unknown>)[last];
  }
}
