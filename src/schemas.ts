/**
 * Loads the JSON Schemas shipped in `schemas/`, from the source tree or the installed package alike,
 * and compiles the output schemas with the ones they refer to (`error.schema.json`, the diagnostics of
 * `validate.schema.json`, the plan of `plan.schema.json`).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
// ajv only where a validator is compiled: the config's validator is precompiled at build time, so a
// run that only reads its config never loads ajv (about 40 ms of start-up, measured with --cpu-prof).
import type { ValidateFunction } from 'ajv';

const SCHEMA_DIR = new URL('../schemas/', import.meta.url);
const cache = new Map<string, Promise<Record<string, unknown>>>();

/** The schemas of kmsctl's JSON output, which refer to one another. */
export const OUTPUT_SCHEMAS = ['error.schema.json', 'validate.schema.json', 'plan.schema.json', 'apply.schema.json', 'show.schema.json', 'doctor.schema.json', 'saved-plan.schema.json'] as const;

export function schemaPath(name: string): string {
  return fileURLToPath(new URL(name, SCHEMA_DIR));
}

export function loadSchema(name: string): Promise<Record<string, unknown>> {
  let pending = cache.get(name);
  if (!pending) {
    pending = readFile(schemaPath(name), 'utf8').then((text) => JSON.parse(text) as Record<string, unknown>);
    cache.set(name, pending);
  }
  return pending;
}

/**
 * A validator of one output schema, the schemas it refers to loaded beside it. No format checks: ajv
 * has no date-time format built in, and would warn on stderr that it ignores it.
 */
export async function outputSchemaValidator(name: (typeof OUTPUT_SCHEMAS)[number], options: { strict: boolean } = { strict: false }): Promise<ValidateFunction> {
  const { Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: options.strict, strict: options.strict, validateFormats: false });
  for (const other of OUTPUT_SCHEMAS) ajv.addSchema(await loadSchema(other), other);
  const validate = ajv.getSchema(name);
  if (validate === undefined) throw new Error(`schema ${name} did not compile`);
  return validate;
}
