/**
 * What the schema pass (schema-check.ts) says of one file. Kept apart from the check itself, which reads
 * yaml's documents to place its diagnostics, so that a run whose files the schema accepts (the fast
 * path, check-file.ts) never loads yaml (measured: about 1.3 MB less peak memory for `plan` of a small
 * config).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { SchemaDamage } from './schema-damage.js';

export interface SchemaCheck {
  diagnostics: Diagnostic[];
  /** The file's value without the parts that failed (a version entry that failed becomes `{}`): what the rules read. */
  value: unknown;
  damage: SchemaDamage;
  /** False when nothing of the file can be used: not a mapping, another format version, `keys` not a mapping. */
  usable: boolean;
}

/** The check of a value the schema accepted. */
export function passedSchema(value: unknown): SchemaCheck {
  return { diagnostics: [], value, damage: new SchemaDamage(), usable: true };
}
