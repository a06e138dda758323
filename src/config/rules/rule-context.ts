/**
 * What a semantic rule sees: a key entry that passed the schema, and helpers that turn a path inside
 * the entry into a source range. Rules are plain functions returning diagnostics.
 */
import type { Diagnostic, SourceRange } from '../../diagnostics/diagnostic.js';
import type { WrittenKey } from '../written-config.js';
import type { ConfigLocator } from '../config-locator.js';
import type { PathSegment } from '../yaml-locate.js';

export interface KeyRuleContext {
  file: string;
  name: string;
  key: WrittenKey;
  /** The logical name as written (`payments-signing:`). */
  nameRange(): SourceRange;
  /** The value at a path inside the entry (`['rotation', 'maxAge']`). */
  valueRange(path: readonly PathSegment[]): SourceRange;
  /** The field name at a path inside the entry. */
  keyRange(path: readonly PathSegment[]): SourceRange;
}

/** A check on one key entry. */
export type KeyRule = (context: KeyRuleContext) => Diagnostic[];

export function keyRuleContext(locator: ConfigLocator, file: string, name: string, key: WrittenKey): KeyRuleContext {
  const base: PathSegment[] = ['keys', name];
  return {
    file,
    name,
    key,
    nameRange: () => locator.keyRange(base),
    valueRange: (path) => locator.valueRange([...base, ...path]),
    keyRange: (path) => locator.keyRange([...base, ...path]),
  };
}
