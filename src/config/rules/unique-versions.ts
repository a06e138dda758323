import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';
import { idKey } from '../version-ids.js';
import type { KeyRuleContext } from './rule-context.js';

/** A version ID pinned twice in one key would stand for one live version twice (UUIDs compare case-blind, see version-ids.ts). */
export function uniquePinnedIds(context: KeyRuleContext): Diagnostic[] {
  return duplicates(context, 'id', idKey, (id) =>
    errorDiagnostic(CONFIG_CODES.duplicateVersionId, `version ID ${JSON.stringify(id)} is pinned twice in key ${quote(context.name)}`),
  );
}

/** Labels name versions in plans and messages, so two versions of a key cannot share one. */
export function uniqueLabels(context: KeyRuleContext): Diagnostic[] {
  return duplicates(context, 'label', (label) => label, (label) =>
    errorDiagnostic(CONFIG_CODES.duplicateLabel, `label ${JSON.stringify(label)} is used twice in key ${quote(context.name)}`),
  );
}

/** Reports every repeat of a version field at the repeat, with a note at the first use. */
function duplicates(
  { key, valueRange }: KeyRuleContext,
  field: 'id' | 'label',
  normalise: (value: string) => string,
  report: (value: string) => Diagnostic,
): Diagnostic[] {
  const firstIndex = new Map<string, number>();
  const diagnostics: Diagnostic[] = [];
  (key.versions ?? []).forEach((version, index) => {
    const value = version[field];
    if (value === undefined) return;
    const first = firstIndex.get(normalise(value));
    if (first === undefined) {
      firstIndex.set(normalise(value), index);
      return;
    }
    const diagnostic = report(value);
    diagnostic.source = valueRange(['versions', index, field]);
    diagnostic.detail = `versions ${first + 1} and ${index + 1} are the same`;
    diagnostic.related = [{ message: 'first used here', source: valueRange(['versions', first, field]) }];
    diagnostics.push(diagnostic);
  });
  return diagnostics;
}
