import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';
import { effectiveMaxAge } from './effective.js';
import type { KeyRuleContext } from './rule-context.js';

/**
 * A key's `rotation:` needs a maxAge, its own or its file's `defaults.rotation.maxAge`. Not said when the
 * rotation failed the schema: a misspelt `maxage` is reported as such, with the right name.
 */
export function rotationNeedsMaxAge(context: KeyRuleContext): Diagnostic[] {
  if (context.key.rotation === undefined || context.damaged(['rotation']) || effectiveMaxAge(context) !== 'unset') return [];
  return [
    errorDiagnostic(
      CONFIG_CODES.missingField,
      `rotation of key ${quote(context.name)} is missing the field "maxAge"`,
      context.keyRange(['rotation']),
      'maxAge: keep the newest version younger than this, e.g. 90d (set it here or in defaults.rotation)',
    ),
  ];
}
