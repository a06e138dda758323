/**
 * The first validation pass: the JSON Schema in schemas/kmsctl.schema.json, checked with ajv, for the
 * structure of one file. Reports which key entries (and whether the defaults) passed, so that the
 * semantic rules run only on well-formed entries and never echo a structural mistake.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { configValidator } from './config-validator.js';
import { pointerSegments } from './yaml-locate.js';
import { relevantErrors, schemaErrorToDiagnostic } from './schema-errors.js';
import type { ParsedFile } from './written-config.js';

export interface SchemaCheck {
  diagnostics: Diagnostic[];
  /** Logical names of the entries with a structural error (or a bad name). */
  invalidKeys: Set<string>;
  /** False when `defaults` has a structural error. */
  defaultsValid: boolean;
  /** False when the file as a whole is unusable (e.g. `keys` is not a mapping). */
  usable: boolean;
}

export async function checkSchema(parsed: ParsedFile): Promise<SchemaCheck> {
  const validate = await configValidator();
  const result: SchemaCheck = { diagnostics: [], invalidKeys: new Set(), defaultsValid: true, usable: true };
  if (validate(parsed.value)) return result;
  for (const error of relevantErrors(validate.errors ?? [])) {
    result.diagnostics.push(schemaErrorToDiagnostic(error, parsed.document, parsed.path));
    const [first, name] = pointerSegments(error.instancePath);
    if (first === 'keys' && name !== undefined) result.invalidKeys.add(name);
    else if (first === 'keys' && error.propertyName !== undefined) result.invalidKeys.add(error.propertyName);
    else if (first === 'keys') result.usable = false;
    else if (first === 'defaults') result.defaultsValid = false;
    // A file of another format version: its keys may mean something else, so no rule runs on them.
    else if (first === 'version') result.usable = false;
    else if (first === undefined && error.keyword === 'type') result.usable = false;
  }
  return result;
}
