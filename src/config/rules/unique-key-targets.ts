import { errorDiagnostic, type Diagnostic, type SourceRange } from '../../diagnostics/diagnostic.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';

export interface TargetEntry {
  name: string;
  keyId: string;
  region: string;
  keyIdRange: SourceRange;
}

/**
 * Two logical names for one key ID in one region would plan the same key twice (and could create two
 * versions where one was wanted). Compared as written: an alias and the ID it resolves to are only
 * caught once the live state is read.
 */
export function uniqueKeyTargets(entries: readonly TargetEntry[]): Diagnostic[] {
  const first = new Map<string, TargetEntry>();
  const diagnostics: Diagnostic[] = [];
  for (const entry of entries) {
    const target = `${entry.region}\u0000${entry.keyId}`;
    const earlier = first.get(target);
    if (!earlier) {
      first.set(target, entry);
      continue;
    }
    const diagnostic = errorDiagnostic(
      CONFIG_CODES.duplicateKeyId,
      `keys ${quote(earlier.name)} and ${quote(entry.name)} both manage ${JSON.stringify(entry.keyId)} in ${entry.region}`,
      entry.keyIdRange,
      'declare each KMS key under one logical name',
    );
    diagnostic.related = [{ message: `key ${quote(earlier.name)} declares it here`, source: earlier.keyIdRange }];
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
