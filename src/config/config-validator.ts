/**
 * The config's JSON Schema (schemas/kmsctl.schema.json) as a validator, once per process. The build
 * writes it out as code ahead of time (src/build/write-config-validator.ts), which spares every run
 * loading ajv and compiling the schema (about 15 MB and 100 ms); run from the sources, as the tests
 * do, there is no such file and the schema is compiled here with the same options.
 */
import type { ValidateFunction } from 'ajv';
import { loadSchema } from '../schemas.js';

export const CONFIG_SCHEMA_FILE = 'kmsctl.schema.json';
/** Options of the compiled validator; write-config-validator.ts compiles with these too. */
export const CONFIG_VALIDATOR_OPTIONS = { allErrors: true, verbose: true, strict: true } as const;
/** Where the build writes the validator's code, next to this module. */
export const PRECOMPILED_VALIDATOR_FILE = 'kmsctl-schema-validator.js';

let validator: Promise<ValidateFunction> | undefined;

export function configValidator(): Promise<ValidateFunction> {
  validator ??= precompiled().then((found) => found ?? compileConfigSchema());
  return validator;
}

export async function compileConfigSchema(): Promise<ValidateFunction> {
  const { Ajv } = await import('ajv');
  return new Ajv(CONFIG_VALIDATOR_OPTIONS).compile(await loadSchema(CONFIG_SCHEMA_FILE));
}

async function precompiled(): Promise<ValidateFunction | undefined> {
  try {
    return ((await import(new URL(PRECOMPILED_VALIDATOR_FILE, import.meta.url).href)) as { default: ValidateFunction }).default;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}
