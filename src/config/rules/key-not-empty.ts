import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';
import type { KeyRuleContext } from './rule-context.js';

/** A key with neither versions nor rotation declares nothing: almost surely an unfinished entry. */
export function keyNotEmpty({ key, name, nameRange }: KeyRuleContext): Diagnostic[] {
  if ((key.versions?.length ?? 0) > 0 || key.rotation !== undefined) return [];
  return [
    errorDiagnostic(
      CONFIG_CODES.keyEmpty,
      `key ${quote(name)} declares neither versions nor rotation`,
      nameRange(),
      'list the versions it must have ("versions:"), a rotation schedule ("rotation: { maxAge: 90d }"), or both',
    ),
  ];
}
