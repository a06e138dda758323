import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';
import { effectiveMaxAge } from './effective.js';
import type { KeyRuleContext } from './rule-context.js';

/** A key with neither versions nor rotation (its own or its file's) declares nothing: almost surely an unfinished entry. */
export function keyNotEmpty(context: KeyRuleContext): Diagnostic[] {
  const { key, name, nameRange } = context;
  if ((key.versions?.length ?? 0) > 0 || key.rotation !== undefined) return [];
  if (context.damaged(['versions']) || context.damaged(['rotation']) || effectiveMaxAge(context) !== 'unset') return [];
  return [
    errorDiagnostic(
      CONFIG_CODES.keyEmpty,
      `key ${quote(name)} declares neither versions nor rotation`,
      nameRange(),
      'list the versions it must have ("versions:"), a rotation schedule ("rotation: { maxAge: 90d }"), or both',
    ),
  ];
}
