/**
 * Where the parts of one config file were written: the source ranges diagnostics and plans point at,
 * and the keys of a mapping in written order. Two implementations: over yaml's Document (every file
 * can be located this way, document-locator.ts) and over the fast parser's positions (fast-config-yaml.ts).
 */
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { SchemaCheck } from './schema-result.js';
import type { PathSegment } from './yaml-locate.js';

export interface ConfigLocator {
  /** Where the value at `path` was written; falls back to its key, then to the closest ancestor. */
  valueRange(path: readonly PathSegment[]): SourceRange;
  /** Where the key of the mapping entry at `path` was written. */
  keyRange(path: readonly PathSegment[]): SourceRange;
  /** The keys of the mapping at `path` in written order (Object.keys lists integer-like keys first). */
  mappingKeys(path: readonly PathSegment[]): string[];
}

/** One config file read and checked against the schema, by either parser. */
export interface CheckedFile {
  path: string;
  /** The file's plain value as written (names are taken from it, also of entries that failed the schema). */
  written: unknown;
  locator: ConfigLocator;
  /** The schema's findings, and the value without the parts that failed it (what the rules read). */
  schema: SchemaCheck;
}
