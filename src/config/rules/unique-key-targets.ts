import { errorDiagnostic, type Diagnostic, type SourceRange } from '../../diagnostics/diagnostic.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';
import { keyIdentity } from '../key-ids.js';

export interface TargetEntry {
  name: string;
  /** The account name; undefined for the run's base identity. */
  account: string | undefined;
  keyId: string;
  region: string;
  keyIdRange: SourceRange;
}

/**
 * Two logical names for one key in one account and region would plan the key twice (and could create two
 * versions where one was wanted). A key ID and the ARN that holds it are one key, and UUIDs compare
 * case-blind (key-ids.ts); an alias and the ID it names only meet once the key is read, which the
 * planner does. Every entry of a repeat is an error at its own keyId, naming the others.
 */
export function uniqueKeyTargets(entries: readonly TargetEntry[]): Diagnostic[] {
  const groups = new Map<string, TargetEntry[]>();
  for (const entry of entries) {
    const target = `${entry.account ?? ''}\u0000${entry.region}\u0000${keyIdentity(entry.keyId)}`;
    const group = groups.get(target);
    if (group) group.push(entry);
    else groups.set(target, [entry]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const entry of group) {
      const others = group.filter((other) => other !== entry);
      const where = `${entry.region}${entry.account === undefined ? '' : ` of account ${quote(entry.account)}`}`;
      const diagnostic = errorDiagnostic(
        CONFIG_CODES.duplicateKeyId,
        `key ${quote(entry.name)} manages the same KMS key as ${others.map((o) => `key ${quote(o.name)}`).join(', ')} (${JSON.stringify(entry.keyId)} in ${where})`,
        entry.keyIdRange,
        'declare each KMS key under one logical name',
      );
      diagnostic.related = others.map((other) => ({ message: `key ${quote(other.name)} declares it here`, source: other.keyIdRange }));
      diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}
