/** The config schema's validator as standalone code: what the build writes (src/build/write-config-validator.ts). */
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { loadSchema } from '../schemas.js';
import { CONFIG_SCHEMA_FILE, CONFIG_VALIDATOR_OPTIONS } from './config-validator.js';

/** An ES module whose default export is the validate function, compiled with the run-time options. */
export async function configValidatorCode(): Promise<string> {
  const ajv = new Ajv({ ...CONFIG_VALIDATOR_OPTIONS, code: { source: true, esm: true } });
  const validate = ajv.compile(await loadSchema(CONFIG_SCHEMA_FILE));
  return `// Written by kmsctl's build from schemas/${CONFIG_SCHEMA_FILE} (src/build/write-config-validator.ts); do not edit.\n${standalone.default(ajv, validate)}\n`;
}
