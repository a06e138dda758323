/**
 * Where the nodes of a config file were written, as the fast reader records them (fast-config-yaml.ts):
 * one row per node in written order, in typed arrays, where a tree of objects had an object per scalar
 * and per entry and a Map per mapping. For a 10,000-key config that pins every version (5 MB of text,
 * about 230,000 nodes) that tree took some 42 MB, kept until the config was loaded and then left to the
 * garbage collector; the rows take about 3 MB (measured: value and positions 54.5 MB before, 15.5 MB now).
 *
 * A node is a scalar, a mapping or a sequence; the value of a mapping entry also records the entry's
 * name and where its key was written. Children follow their parent, linked to their next sibling.
 */

export const SCALAR = 0;
export const MAPPING = 1;
export const SEQUENCE = 2;
export type NodeKind = typeof SCALAR | typeof MAPPING | typeof SEQUENCE;

/** A mapping entry's name and where its key was written. */
export interface EntryKey {
  name: string;
  keyStart: number;
  keyEnd: number;
}

/** Collections with more children than this get an index on their first lookup (the `keys` mapping of a large config). */
const INDEXED_FROM = 16;
const NONE = -1;

export class PositionTable {
  #size = 0;
  #kind = new Uint8Array(256);
  /** The entry's key range (NONE for the root and sequence items); a scalar's value range (start = end: empty; NONE: a block scalar). */
  #keyStart = new Int32Array(256);
  #keyEnd = new Int32Array(256);
  #start = new Int32Array(256);
  #end = new Int32Array(256);
  #next = new Int32Array(256);
  #children = new Int32Array(256);
  #names: (string | undefined)[] = [];
  /** Entry names seen, so each distinct name is kept once ("id" of 100,000 versions). */
  readonly #interned = new Map<string, string>();
  /** While building: each open collection with its last child, and the names of a large mapping's entries. */
  readonly #open: { node: number; last: number; names: Set<string> | undefined }[] = [];
  readonly #index = new Map<number, Map<string, number> | number[]>();

  /** Adds a scalar as the next child of the open collection; undefined when that mapping already has the name. */
  scalar(entry: EntryKey | undefined, start: number, end: number): number | undefined {
    return this.#add(SCALAR, entry, start, end);
  }

  /** Adds a collection and makes it the open one until `close`; undefined when its mapping already has the name. */
  open(kind: typeof MAPPING | typeof SEQUENCE, entry: EntryKey | undefined): number | undefined {
    const node = this.#add(kind, entry, NONE, NONE);
    if (node !== undefined) this.#open.push({ node, last: NONE, names: undefined });
    return node;
  }

  /** Makes a scalar node an empty mapping and opens it (`keys:` read alone, its entries read after). */
  reopenAsMapping(node: number): void {
    this.#kind[node] = MAPPING;
    this.#open.push({ node, last: NONE, names: undefined });
  }

  close(): void {
    this.#open.pop();
  }

  /**
   * Ends the recording: the rows move to arrays of exactly their number. The arrays grow by doubling,
   * so up to half of each was unused, and a config's tables are kept until it is loaded (for a
   * 10,000-key config that pins every version, 50 files: 10 MB of arrays, 5.8 MB of rows).
   */
  finish(): void {
    const size = this.#size;
    this.#kind = this.#kind.slice(0, size);
    this.#keyStart = this.#keyStart.slice(0, size);
    this.#keyEnd = this.#keyEnd.slice(0, size);
    this.#start = this.#start.slice(0, size);
    this.#end = this.#end.slice(0, size);
    this.#next = this.#next.slice(0, size);
    this.#children = this.#children.slice(0, size);
  }

  /** Nodes recorded so far: the index the next one gets. */
  get size(): number {
    return this.#size;
  }

  /** The name of the entry whose value is `node`; undefined for the root and sequence items. */
  nameOf(node: number): string | undefined {
    return this.#names[node];
  }

  /** The number of children of a collection. */
  childCount(node: number): number {
    return this.#children[node] ?? 0;
  }

  kind(node: number): NodeKind {
    return this.#kind[node] as NodeKind;
  }

  /** The scalar's value range, or undefined for a block scalar; start = end for an empty one. */
  valueSpan(node: number): { start: number; end: number } | undefined {
    const start = this.#start[node] ?? NONE;
    return start === NONE ? undefined : { start, end: this.#end[node] ?? start };
  }

  /** Where the key of the entry whose value is `node` was written; undefined for the root and sequence items. */
  keySpan(node: number): { start: number; end: number } | undefined {
    const start = this.#keyStart[node] ?? NONE;
    return start === NONE ? undefined : { start, end: this.#keyEnd[node] ?? start };
  }

  /** The child of a collection by name (mapping) or position (sequence), or undefined. */
  child(node: number, segment: string | number): number | undefined {
    const kind = this.#kind[node];
    if (kind === MAPPING) {
      const name = String(segment);
      if (this.childCount(node) > INDEXED_FROM) return (this.#index.get(node) as Map<string, number> | undefined ?? this.#indexMapping(node)).get(name);
      for (let c = this.#firstChild(node); c !== NONE; c = this.#next[c] ?? NONE) if (this.#names[c] === name) return c;
      return undefined;
    }
    if (kind !== SEQUENCE || typeof segment !== 'number') return undefined;
    if (this.childCount(node) > INDEXED_FROM) return (this.#index.get(node) as number[] | undefined ?? this.#indexSequence(node))[segment];
    let c = this.#firstChild(node);
    for (let i = 0; i < segment && c !== NONE; i++) c = this.#next[c] ?? NONE;
    return c === NONE ? undefined : c;
  }

  /** A mapping's entry names in written order. */
  names(node: number): string[] {
    const names: string[] = [];
    for (let c = this.#firstChild(node); c !== NONE; c = this.#next[c] ?? NONE) names.push(this.#names[c] ?? '');
    return names;
  }

  #firstChild(node: number): number {
    return this.childCount(node) === 0 ? NONE : node + 1;
  }

  #indexMapping(node: number): Map<string, number> {
    const index = new Map<string, number>();
    for (let c = this.#firstChild(node); c !== NONE; c = this.#next[c] ?? NONE) index.set(this.#names[c] ?? '', c);
    this.#index.set(node, index);
    return index;
  }

  #indexSequence(node: number): number[] {
    const index: number[] = [];
    for (let c = this.#firstChild(node); c !== NONE; c = this.#next[c] ?? NONE) index.push(c);
    this.#index.set(node, index);
    return index;
  }

  #add(kind: NodeKind, entry: EntryKey | undefined, start: number, end: number): number | undefined {
    const parent = this.#open[this.#open.length - 1];
    if (parent !== undefined && entry !== undefined && this.#named(parent, entry.name)) return undefined;
    if (this.#size === this.#kind.length) this.#grow();
    const node = this.#size++;
    this.#kind[node] = kind;
    this.#keyStart[node] = entry?.keyStart ?? NONE;
    this.#keyEnd[node] = entry?.keyEnd ?? NONE;
    this.#start[node] = start;
    this.#end[node] = end;
    this.#next[node] = NONE;
    this.#children[node] = 0;
    this.#names[node] = entry === undefined ? undefined : this.#intern(entry.name);
    if (parent !== undefined) {
      if (parent.last !== NONE) this.#next[parent.last] = node;
      parent.last = node;
      this.#children[parent.node] = (this.#children[parent.node] ?? 0) + 1;
    }
    return node;
  }

  /** Whether the open mapping already has an entry of that name (a duplicate key), noting it when not. */
  #named(parent: { node: number; names: Set<string> | undefined }, name: string): boolean {
    if (parent.names === undefined && this.childCount(parent.node) >= INDEXED_FROM) parent.names = new Set(this.names(parent.node));
    if (parent.names !== undefined) {
      if (parent.names.has(name)) return true;
      parent.names.add(name);
      return false;
    }
    for (let c = this.#firstChild(parent.node); c !== NONE; c = this.#next[c] ?? NONE) if (this.#names[c] === name) return true;
    return false;
  }

  #intern(name: string): string {
    const known = this.#interned.get(name);
    if (known !== undefined) return known;
    this.#interned.set(name, name);
    return name;
  }

  #grow(): void {
    const size = Math.max(256, this.#kind.length * 2);
    const grown = <T extends Uint8Array | Int32Array>(from: T, make: (n: number) => T): T => {
      const to = make(size);
      to.set(from);
      return to;
    };
    this.#kind = grown(this.#kind, (n) => new Uint8Array(n));
    this.#keyStart = grown(this.#keyStart, (n) => new Int32Array(n));
    this.#keyEnd = grown(this.#keyEnd, (n) => new Int32Array(n));
    this.#start = grown(this.#start, (n) => new Int32Array(n));
    this.#end = grown(this.#end, (n) => new Int32Array(n));
    this.#next = grown(this.#next, (n) => new Int32Array(n));
    this.#children = grown(this.#children, (n) => new Int32Array(n));
  }
}
