/**
 * Finds the YAML node behind a path into the document's value (the segments of an ajv `instancePath`),
 * so that a diagnostic can point at the field name or at the value the user wrote.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { SourceRange } from '../diagnostics/diagnostic.js';

export type PathSegment = string | number;

interface Found {
  /** The deepest node reached along the path (the whole path when `complete`). */
  node: Node | undefined;
  /** The pair whose value `node` is, when it is a mapping value. */
  pair: Pair | undefined;
  complete: boolean;
}

/** Splits an ajv instancePath (`/keys/a~1b/versions/0`) into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Where the value at `path` was written; falls back to its key, then to the closest ancestor. */
export function valueRange(document: Document, file: string, path: readonly PathSegment[]): SourceRange {
  const found = walk(document, path);
  if (found.complete) {
    const value = nodeRange(found.node, file);
    if (value && value.end > value.start) return value;
    const key = nodeRange(found.pair?.key, file);
    if (key) return key;
    if (value) return value;
  }
  return ancestorRange(document, file, found);
}

/** Where the key of the mapping entry at `path` was written (`maxage` in `maxage: 90d`). */
export function keyRange(document: Document, file: string, path: readonly PathSegment[]): SourceRange {
  const found = walk(document, path);
  if (found.complete) {
    const key = nodeRange(found.pair?.key, file);
    if (key) return key;
    const value = nodeRange(found.node, file);
    if (value) return value;
  }
  return ancestorRange(document, file, found);
}

/** The key naming an object when there is one (a key's logical name), else the object's start. */
export function objectRange(document: Document, file: string, path: readonly PathSegment[]): SourceRange {
  if (path.length === 0) return documentStart(document, file);
  return keyRange(document, file, path);
}

function ancestorRange(document: Document, file: string, found: Found): SourceRange {
  const key = nodeRange(found.pair?.key, file);
  if (key) return key;
  const node = nodeRange(found.node, file);
  if (node) return node;
  return documentStart(document, file);
}

function documentStart(document: Document, file: string): SourceRange {
  const contents = document.contents as Node | null;
  const start = contents?.range?.[0] ?? 0;
  return { file, start, end: start };
}

function walk(document: Document, path: readonly PathSegment[]): Found {
  let node = (document.contents ?? undefined) as Node | undefined;
  let pair: Pair | undefined;
  for (const segment of path) {
    const resolved = isAlias(node) ? (node.resolve(document) as Node | undefined) : node;
    if (isMap(resolved)) {
      const next = findPair(resolved.items as Pair[], String(segment));
      if (!next) return { node, pair, complete: false };
      pair = next as Pair;
      node = (next.value ?? undefined) as Node | undefined;
    } else if (isSeq(resolved)) {
      const index = typeof segment === 'number' ? segment : Number(segment);
      const item = Number.isInteger(index) ? resolved.items[index] : undefined;
      if (item === undefined) return { node, pair, complete: false };
      pair = undefined;
      node = (item ?? undefined) as Node | undefined;
    } else {
      return { node, pair, complete: false };
    }
  }
  return { node, pair, complete: true };
}

/** Maps with more entries than this get an index: a fleet config has thousands of keys under `keys:`. */
const INDEXED_MAP_SIZE = 32;
const pairIndexes = new WeakMap<readonly Pair[], Map<string, number>>();

/**
 * The first entry with this key. A large map is indexed on first use, so locating every key of a
 * config is linear, not quadratic. An index entry is checked before use; a miss or a stale entry
 * rebuilds the index (the map changed), so answers are those of a linear search.
 */
function findPair(items: readonly Pair[], key: string): Pair | undefined {
  if (items.length <= INDEXED_MAP_SIZE) return items.find((item) => keyText(item.key) === key);
  const cached = items[pairIndexes.get(items)?.get(key) ?? -1];
  if (cached !== undefined && keyText(cached.key) === key) return cached;
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    const text = keyText(item.key);
    if (text !== undefined && !index.has(text)) index.set(text, i);
  });
  pairIndexes.set(items, index);
  return items[index.get(key) ?? -1];
}

/** The text a mapping key becomes in the plain value (yaml's toJS stringifies scalar keys). */
function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function nodeRange(node: unknown, file: string): SourceRange | undefined {
  const range = (node as Node | undefined | null)?.range;
  if (!range) return undefined;
  return { file, start: range[0], end: range[1] };
}

/**
 * The keys of the mapping at `path` in written order. Object.keys would not do: JavaScript lists
 * integer-like keys ("123") first, and key order is the order plans show.
 */
export function mappingKeys(document: Document, path: readonly PathSegment[]): string[] {
  const found = walk(document, path);
  const node = isAlias(found.node) ? (found.node.resolve(document) as Node | undefined) : found.node;
  if (!found.complete || !isMap(node)) return [];
  const keys: string[] = [];
  for (const item of node.items) {
    const text = keyText(item.key);
    if (text !== undefined) keys.push(text);
  }
  return keys;
}
