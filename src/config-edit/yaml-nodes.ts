/**
 * Small look-ups into a parsed YAML document for the text editors: the node written at a path (aliases
 * are not followed: an edit goes where the text is), and where a node's written content ends.
 */
import { isCollection, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

/** The written node at `path` (map keys by their text, sequence items by index), or undefined. */
export function writtenNodeAt(document: Document, path: readonly (string | number)[]): Node | undefined {
  let node = (document.contents ?? undefined) as Node | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item) === String(segment));
      node = (pair?.value ?? undefined) as Node | undefined;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = (node.items[segment] ?? undefined) as Node | undefined;
    } else {
      return undefined;
    }
  }
  return node;
}

/** The text of a pair's key when it is a scalar. */
export function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** The range of a node that was written, or undefined for one that has no text (an empty value). */
export function writtenRange(node: unknown): [number, number] | undefined {
  const range = (node as Node | null | undefined)?.range;
  if (!range || range[1] <= range[0]) return undefined;
  return [range[0], range[1]];
}

/**
 * The offset just after the last character of a node's content: its last value, without the comments,
 * blank lines and line breaks that follow it.
 */
export function contentEnd(text: string, node: Node): number {
  if (isCollection(node) && !node.flow) {
    const last = lastWrittenChild(text, node.items as unknown[]);
    if (last !== undefined) return last;
  }
  const range = node.range ?? [0, 0, 0];
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1] ?? '')) end--;
  return end;
}

/** The content end of the collection item that ends last in the text. */
function lastWrittenChild(text: string, items: unknown[]): number | undefined {
  let best: number | undefined;
  for (const item of items) {
    let end: number | undefined;
    if (item && typeof item === 'object' && 'key' in item) {
      const pair = item as Pair;
      const value = pair.value as Node | null;
      const valueEnd = value && writtenRange(value) ? contentEnd(text, value) : undefined;
      end = valueEnd ?? writtenRange(pair.key)?.[1];
    } else if (writtenRange(item)) {
      end = contentEnd(text, item as Node);
    }
    if (end !== undefined && (best === undefined || end > best)) best = end;
  }
  return best;
}
