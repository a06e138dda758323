/**
 * What a semantic rule sees: a key entry as it stands after the schema (the parts that failed it are
 * taken out, see schema-check.ts), its file's defaults likewise, and helpers that turn a path inside
 * either into a source range. Rules are plain functions returning diagnostics.
 */
import type { Diagnostic, SourceRange } from '../../diagnostics/diagnostic.js';
import type { ConfigLocator } from '../config-locator.js';
import type { SchemaDamage } from '../schema-damage.js';
import type { WrittenDefaults, WrittenKey } from '../written-config.js';
import type { PathSegment } from '../yaml-locate.js';

/** One file's `defaults:`, for the keys of that file. */
export interface FileDefaults {
  file: string;
  /** What passed the schema; empty without `defaults:`. */
  values: WrittenDefaults;
  /** True when `defaults` at `path` was written but failed the schema: keys do not fall back to it. */
  damaged(path: readonly PathSegment[]): boolean;
  valueRange(path: readonly PathSegment[]): SourceRange;
  keyRange(path: readonly PathSegment[]): SourceRange;
}

export interface KeyRuleContext {
  file: string;
  name: string;
  key: WrittenKey;
  defaults: FileDefaults;
  /** True when the entry's part at `path` (or something in it or around it) failed the schema. */
  damaged(path: readonly PathSegment[]): boolean;
  /** The logical name as written (`payments-signing:`). */
  nameRange(): SourceRange;
  /** The value at a path inside the entry (`['rotation', 'maxAge']`). */
  valueRange(path: readonly PathSegment[]): SourceRange;
  /** The field name at a path inside the entry. */
  keyRange(path: readonly PathSegment[]): SourceRange;
}

/** A check on one key entry. */
export type KeyRule = (context: KeyRuleContext) => Diagnostic[];

export function fileDefaults(locator: ConfigLocator, damage: SchemaDamage, file: string, values: WrittenDefaults): FileDefaults {
  const base: PathSegment[] = ['defaults'];
  return {
    file,
    values,
    damaged: (path) => damage.touches([...base, ...path]),
    valueRange: (path) => locator.valueRange([...base, ...path]),
    keyRange: (path) => locator.keyRange([...base, ...path]),
  };
}

export function keyRuleContext(locator: ConfigLocator, damage: SchemaDamage, defaults: FileDefaults, name: string, key: WrittenKey): KeyRuleContext {
  const base: PathSegment[] = ['keys', name];
  return {
    file: defaults.file,
    name,
    key,
    defaults,
    damaged: (path) => damage.touches([...base, ...path]),
    nameRange: () => locator.keyRange(base),
    valueRange: (path) => locator.valueRange([...base, ...path]),
    keyRange: (path) => locator.keyRange([...base, ...path]),
  };
}
