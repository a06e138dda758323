/** The config's JSON Schema (schemas/kmsctl.schema.json) compiled with ajv, once per process. */
import { Ajv, type ValidateFunction } from 'ajv';
import { loadSchema } from '../schemas.js';

export const CONFIG_SCHEMA_FILE = 'kmsctl.schema.json';

let validator: Promise<ValidateFunction> | undefined;

export function configValidator(): Promise<ValidateFunction> {
  validator ??= loadSchema(CONFIG_SCHEMA_FILE).then((schema) => {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    return ajv.compile(schema);
  });
  return validator;
}
