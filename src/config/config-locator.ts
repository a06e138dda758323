/**
 * Where the parts of one config file were written: the source ranges diagnostics and plans point at,
 * and the keys of a mapping in written order. Two implementations: over yaml's Document (every file
 * can be located this way) and over the fast parser's positions (fast-config-yaml.ts).
 */
import type { Document } from 'yaml';
import type { SourceRange } from '../diagnostics/diagnostic.js';
import { keyRange, mappingKeys, valueRange, type PathSegment } from './yaml-locate.js';

export interface ConfigLocator {
  /** Where the value at `path` was written; falls back to its key, then to the closest ancestor. */
  valueRange(path: readonly PathSegment[]): SourceRange;
  /** Where the key of the mapping entry at `path` was written. */
  keyRange(path: readonly PathSegment[]): SourceRange;
  /** The keys of the mapping at `path` in written order (Object.keys lists integer-like keys first). */
  mappingKeys(path: readonly PathSegment[]): string[];
}

export function documentLocator(document: Document, file: string): ConfigLocator {
  return {
    valueRange: (path) => valueRange(document, file, path),
    keyRange: (path) => keyRange(document, file, path),
    mappingKeys: (path) => mappingKeys(document, path),
  };
}
