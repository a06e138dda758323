import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';
import { effectiveMaxVersions } from './effective.js';
import type { KeyRuleContext } from './rule-context.js';

/** A key cannot declare more versions than its maxVersions (its own or its file's); points at the first one over it. */
export function versionsWithinCeiling(context: KeyRuleContext): Diagnostic[] {
  const ceiling = effectiveMaxVersions(context);
  const count = context.key.versions?.length ?? 0;
  if (typeof ceiling !== 'object' || count <= ceiling.value) return [];
  const diagnostic = errorDiagnostic(
    CONFIG_CODES.versionsOverMaxVersions,
    `key ${quote(context.name)} declares ${count} versions, more than its maxVersions (${ceiling.value})`,
    context.valueRange(['versions', ceiling.value]),
    'raise maxVersions or declare fewer versions',
  );
  diagnostic.related = [{ message: `maxVersions is ${ceiling.value} here${ceiling.from === 'defaults' ? ', in defaults' : ''}`, source: ceiling.range() }];
  return [diagnostic];
}
