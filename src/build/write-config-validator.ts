/**
 * A build step, run by `npm run build` after tsc: writes the config schema's validator as code next
 * to dist/config/config-validator.js, so that kmsctl never compiles the schema at run time.
 */
import { writeFileSync } from 'node:fs';
import { configValidatorCode } from '../config/config-validator-code.js';
import { PRECOMPILED_VALIDATOR_FILE } from '../config/config-validator.js';

writeFileSync(new URL(`../config/${PRECOMPILED_VALIDATOR_FILE}`, import.meta.url), await configValidatorCode());
