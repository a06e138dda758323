/**
 * A Map in insertion order whose entries remember their place, so that undoing a delete puts the entry
 * back where it was (key and alias order is what ListKeys, ListAliases and the state file show). Every
 * change returns its undo, for the store's journal (store.ts).
 */

export type Undo = () => void;

export class OrderedTable<V> {
  private rows = new Map<string, { value: V; place: number }>();
  private nextPlace = 0;
  /** Set when an undone delete appended an entry out of place; the next iteration sorts the rows again. */
  private unordered = false;

  get(id: string): V | undefined {
    return this.rows.get(id)?.value;
  }

  place(id: string): number {
    return this.rows.get(id)?.place ?? Number.POSITIVE_INFINITY;
  }

  get size(): number {
    return this.rows.size;
  }

  *values(): IterableIterator<V> {
    if (this.unordered) {
      this.rows = new Map([...this.rows].sort(([, a], [, b]) => a.place - b.place));
      this.unordered = false;
    }
    for (const row of this.rows.values()) yield row.value;
  }

  /** Sets an entry (a new one goes last, a replaced one keeps its place); returns the undo. */
  set(id: string, value: V): Undo {
    const row = this.rows.get(id);
    if (row) {
      const previous = row.value;
      row.value = value;
      return () => {
        row.value = previous;
      };
    }
    this.rows.set(id, { value, place: this.nextPlace++ });
    return () => {
      this.rows.delete(id);
    };
  }

  delete(id: string): Undo {
    const row = this.rows.get(id);
    if (row === undefined) return () => undefined;
    this.rows.delete(id);
    return () => {
      this.rows.set(id, row);
      this.unordered = true;
    };
  }
}
