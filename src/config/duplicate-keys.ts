/**
 * The duplicate-key check of a YAML document in linear time. yaml's own `uniqueKeys` check compares
 * each new key with every earlier key of its mapping, which is quadratic: a config with 10,000 keys
 * under `keys:` spends seconds in it. This finds the same duplicates (scalar keys with equal values;
 * other keys only if they are the same node), reported as yaml reports them (code DUPLICATE_KEY), with
 * the whole of the repeated key as the range, so the message can name it and the caret cover it.
 */
import { isMap, isScalar, visit, type Document, type Node } from 'yaml';

export interface DuplicateKeyProblem {
  code: 'DUPLICATE_KEY';
  message: string;
  pos: [number, number];
  /** The repeated key's value, for the message (the text at `pos` may be quoted). */
  key: string;
}

export function duplicateKeys(document: Document.Parsed): DuplicateKeyProblem[] {
  const problems: DuplicateKeyProblem[] = [];
  visit(document, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const seenValues = new Set<unknown>();
      const seenNodes = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        // A scalar key equals an earlier one with the same value (=== semantics: NaN never repeats).
        const repeated = isScalar(key) && key.value === key.value ? seenValues.has(key.value) || seenNodes.has(key) : seenNodes.has(key);
        if (repeated) {
          const start = key?.range?.[0] ?? 0;
          const name = isScalar(key) ? String(key.value) : '';
          problems.push({ code: 'DUPLICATE_KEY', message: 'Map keys must be unique', pos: [start, Math.max(start + 1, key?.range?.[1] ?? start + 1)], key: name });
        }
        if (isScalar(key) && key.value === key.value) seenValues.add(key.value);
        seenNodes.add(key);
      }
    },
  });
  return problems;
}
