import { errorDiagnostic, type Diagnostic, type SourceRange } from '../../diagnostics/diagnostic.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';

export interface NamedEntry {
  name: string;
  file: string;
  nameRange: SourceRange;
}

/**
 * Files merge their `keys`, so a logical name may appear in one file only (within a file YAML itself
 * rejects the repeat). Reports the second declaration, with a note at the first; returns the names that
 * were repeats so the caller can drop them.
 */
export function uniqueKeyNames(entries: readonly NamedEntry[]): { diagnostics: Diagnostic[]; repeats: Set<NamedEntry> } {
  const first = new Map<string, NamedEntry>();
  const diagnostics: Diagnostic[] = [];
  const repeats = new Set<NamedEntry>();
  for (const entry of entries) {
    const earlier = first.get(entry.name);
    if (!earlier) {
      first.set(entry.name, entry);
      continue;
    }
    repeats.add(entry);
    const diagnostic = errorDiagnostic(
      CONFIG_CODES.duplicateKey,
      `key ${quote(entry.name)} is declared twice: in ${JSON.stringify(earlier.file)} and in ${JSON.stringify(entry.file)}`,
      entry.nameRange,
      'the files of a config merge their keys; a logical name may appear in one file only',
    );
    diagnostic.related = [{ message: `${quote(entry.name)} first declared here`, source: earlier.nameRange }];
    diagnostics.push(diagnostic);
  }
  return { diagnostics, repeats };
}
