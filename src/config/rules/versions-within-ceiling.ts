import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';
import type { KeyRuleContext } from './rule-context.js';

/** A key cannot declare more versions than its own `maxVersions`; points at the first one over it. */
export function versionsWithinCeiling({ key, name, valueRange }: KeyRuleContext): Diagnostic[] {
  const ceiling = key.maxVersions;
  const count = key.versions?.length ?? 0;
  if (ceiling === undefined || count <= ceiling) return [];
  const diagnostic = errorDiagnostic(
    CONFIG_CODES.versionsOverMaxVersions,
    `key ${quote(name)} declares ${count} versions, more than its maxVersions (${ceiling})`,
    valueRange(['versions', ceiling]),
    'raise maxVersions or declare fewer versions',
  );
  diagnostic.related = [{ message: `maxVersions is ${ceiling} here`, source: valueRange(['maxVersions']) }];
  return [diagnostic];
}
