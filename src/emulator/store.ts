/**
 * The emulator's state and its one way to change: `mutate`. A mutation runs synchronously, then the
 * whole state is persisted (synchronously, when there is a state file) before the request is answered;
 * if persisting fails, the state rolls back and the request fails with InternalFailure. Because nothing
 * can interleave with a synchronous check-and-insert, two concurrent CreateKeyVersion calls can never
 * both pass the 7-day rule, in memory or on disk.
 *
 * Rolling back costs what the mutation touched, not the size of the store: every change made through
 * the StoreWriter that `mutate` hands out records its inverse in an undo journal. Reads hand out
 * read-only views (KeyView), so the compiler refuses a write that bypasses the journal; the one
 * writable key record is the one `editKey` returns, after it has saved a copy of it.
 */
import type { OffsetClock } from './clock.js';
import { KmsServiceError } from './errors.js';
import type { AliasRecord, AliasView, EmulatorState, KeyRecord, KeyView } from './model.js';

/** Persists a full state; throws when it could not. */
export type PersistFn = (state: EmulatorState) => void;

/** The clock as reads see it; moving it is a change like any other (StoreWriter.advanceClock/setClock). */
export type StoreClock = Pick<OffsetClock, 'now' | 'nowMs' | 'frozen'>;

/** What a change may do to the state. Handed to the function given to `mutate`, valid only while it runs. */
export interface StoreWriter {
  /** Adds a key; its ID must be new. The store owns the record from now on: change it through `editKey`. */
  addKey(key: KeyRecord): KeyView;
  /** Removes a key with every alias pointing to it, as the service does once a key's DeleteDate arrives. */
  removeKey(keyId: string): void;
  /** The stored record of `key`, writable for the rest of the mutation; a copy is saved before the first edit. */
  editKey(key: KeyView): KeyRecord;
  /** Adds an alias, or points an existing one at another key. Uniqueness per region is the caller's check. */
  putAlias(alias: AliasRecord): void;
  removeAlias(region: string, aliasName: string): void;
  advanceClock(ms: number): void;
  setClock(date: Date): void;
}

type Undo = () => void;

export class EmulatorStore {
  readonly clock: StoreClock;
  private keys = new OrderedTable<KeyRecord>();
  private aliases = new OrderedTable<AliasRecord>();
  /** Alias table IDs by the key they point to: CreateAlias and purges find a key's aliases without a scan. */
  private aliasIdsByKey = new Map<string, Set<string>>();
  /** DeleteDate (ms) of every key PendingDeletion: the check before each request reads this, not every key. */
  private deleteDates = new Map<string, number>();
  private earliestDeleteMs: number | undefined;
  private persist: PersistFn | undefined;

  private depth = 0;
  private journal: Undo[] = [];
  /** Records whose copy is in the journal already: a key edited twice in one mutation is copied once. */
  private readonly copied = new Set<KeyRecord>();
  /** Key IDs added, removed or edited in this mutation, whose DeleteDate entry is refreshed at its end. */
  private readonly touched = new Set<string>();

  constructor(private readonly time: OffsetClock) {
    this.clock = time;
  }

  /** From now on, every mutation is persisted with `persist` before it counts. */
  persistWith(persist: PersistFn): void {
    this.persist = persist;
  }

  /**
   * Runs `change` and persists the result; nested calls persist once, at the outermost. Whatever
   * fails, the state is as before: an error of `change` is rethrown as it is (a nested mutation undoes
   * its own changes before it rethrows), a failed save becomes InternalFailure.
   */
  mutate<T>(change: (writer: StoreWriter) => T): T {
    const mark = this.journal.length;
    this.depth += 1;
    try {
      const result = change(this.writer);
      if (this.depth === 1) this.save();
      return result;
    } catch (error) {
      this.undoTo(mark);
      throw error;
    } finally {
      this.depth -= 1;
      if (this.depth === 0) this.settle();
    }
  }

  /** A deep copy of the whole state, clock included: what a state file holds. */
  snapshot(): EmulatorState {
    return copyPlain({ keys: [...this.keys.values()], aliases: [...this.aliases.values()], clock: this.time.save() });
  }

  /** Replaces the whole state with a copy of `state` (loading a state file); not inside a mutation. */
  load(state: EmulatorState): void {
    if (this.depth > 0) throw new Error('the store cannot load a state during a mutation');
    const copy = copyPlain(state);
    this.keys = new OrderedTable();
    this.aliases = new OrderedTable();
    this.aliasIdsByKey = new Map();
    this.deleteDates = new Map();
    this.earliestDeleteMs = undefined;
    for (const key of copy.keys) {
      this.keys.set(key.keyId, key);
      this.indexDeleteDate(key.keyId);
    }
    for (const alias of copy.aliases) this.writeAlias(aliasId(alias.region, alias.aliasName), alias);
    this.time.restore(copy.clock);
  }

  /** Keys of a region in creation order. */
  keysIn(region: string): KeyView[] {
    return [...this.keys.values()].filter((key) => key.region === region);
  }

  /** A key by ID in any region (IDs are unique across regions). */
  keyById(keyId: string): KeyView | undefined {
    return this.keys.get(keyId);
  }

  alias(region: string, aliasName: string): AliasView | undefined {
    return this.aliases.get(aliasId(region, aliasName));
  }

  aliasesIn(region: string): AliasView[] {
    return [...this.aliases.values()].filter((alias) => alias.region === region);
  }

  /** The aliases pointing to a key, in the order ListAliases shows them. */
  aliasesOf(keyId: string): AliasView[] {
    const ids = [...(this.aliasIdsByKey.get(keyId) ?? [])].sort((a, b) => this.aliases.place(a) - this.aliases.place(b));
    return ids.map((id) => this.aliases.get(id)).filter((alias) => alias !== undefined);
  }

  /** The key a `KeyId` parameter names in a region: a key ID or `alias/...`. */
  resolveKey(region: string, keyIdOrAlias: string): KeyView {
    if (keyIdOrAlias.startsWith('alias/')) {
      const alias = this.alias(region, keyIdOrAlias);
      if (alias === undefined) throw new KmsServiceError('Forbidden.AliasNotFound', `The alias ${keyIdOrAlias} does not exist in region ${region}.`);
      const target = this.keys.get(alias.keyId);
      if (target === undefined) throw new KmsServiceError('Forbidden.KeyNotFound', `The key ${alias.keyId} of alias ${keyIdOrAlias} does not exist.`);
      return target;
    }
    const key = this.keys.get(keyIdOrAlias);
    if (key === undefined || key.region !== region) {
      throw new KmsServiceError('Forbidden.KeyNotFound', `The key ${keyIdOrAlias} does not exist in region ${region}.`);
    }
    return key;
  }

  /**
   * Deletes the keys whose deletion window has passed on the emulator clock, with their aliases, as the
   * service does once DeleteDate arrives. Runs before each request; persists only when it deleted something.
   */
  purgeDeletedKeys(): void {
    const now = this.time.nowMs();
    this.earliestDeleteMs ??= earliest(this.deleteDates.values());
    if (now < this.earliestDeleteMs) return;
    const due = [...this.deleteDates].filter(([, ms]) => ms <= now).map(([keyId]) => keyId);
    if (due.length > 0) this.mutate((writer) => due.forEach((keyId) => writer.removeKey(keyId)));
  }

  private readonly writer: StoreWriter = {
    addKey: (key) => {
      this.assertMutating();
      if (this.keys.get(key.keyId)) throw new Error(`duplicate key ID ${key.keyId}`);
      this.record(this.keys.set(key.keyId, key), key.keyId);
      return key;
    },
    removeKey: (keyId) => {
      this.assertMutating();
      if (!this.keys.get(keyId)) throw new Error(`key ${keyId} is not in the store`);
      for (const id of [...(this.aliasIdsByKey.get(keyId) ?? [])]) this.record(this.writeAlias(id, undefined));
      this.record(this.keys.delete(keyId), keyId);
    },
    editKey: (view) => {
      this.assertMutating();
      const key = this.keys.get(view.keyId);
      // A view kept from before the key was removed (or replaced by a load) would be edited unseen.
      if (key !== view) throw new Error(`key ${view.keyId} is not in the store`);
      if (!this.copied.has(key)) {
        const saved = saveRecord(key);
        this.copied.add(key);
        this.record(() => {
          restoreRecord(key, saved);
          this.copied.delete(key);
        }, key.keyId);
      }
      return key;
    },
    putAlias: (alias) => {
      this.assertMutating();
      this.record(this.writeAlias(aliasId(alias.region, alias.aliasName), alias));
    },
    removeAlias: (region, aliasName) => {
      this.assertMutating();
      this.record(this.writeAlias(aliasId(region, aliasName), undefined));
    },
    advanceClock: (ms) => this.moveClock(() => this.time.advance(ms)),
    setClock: (date) => this.moveClock(() => this.time.set(date)),
  };

  private assertMutating(): void {
    if (this.depth === 0) throw new Error('the store changes only inside mutate()');
  }

  /** Journals the inverse of a change just made; `keyId` names a key whose DeleteDate entry may have changed. */
  private record(undo: Undo, keyId?: string): void {
    this.journal.push(undo);
    if (keyId !== undefined) this.touched.add(keyId);
  }

  private moveClock(move: () => void): void {
    this.assertMutating();
    const saved = this.time.save();
    move();
    this.record(() => this.time.restore(saved));
  }

  /** Sets (or with `undefined` removes) an alias, keeping the index by key in step; returns the undo. */
  private writeAlias(id: string, alias: AliasRecord | undefined): Undo {
    const previous = this.aliases.get(id);
    if (previous) this.unindexAlias(previous.keyId, id);
    const undoTable = alias ? this.aliases.set(id, alias) : this.aliases.delete(id);
    if (alias) this.indexAlias(alias.keyId, id);
    return () => {
      if (alias) this.unindexAlias(alias.keyId, id);
      undoTable();
      if (previous) this.indexAlias(previous.keyId, id);
    };
  }

  private indexAlias(keyId: string, id: string): void {
    const ids = this.aliasIdsByKey.get(keyId);
    if (ids) ids.add(id);
    else this.aliasIdsByKey.set(keyId, new Set([id]));
  }

  /** Drops an empty set too: keys without aliases (most of them, and every purged one) cost no entry. */
  private unindexAlias(keyId: string, id: string): void {
    const ids = this.aliasIdsByKey.get(keyId);
    ids?.delete(id);
    if (ids?.size === 0) this.aliasIdsByKey.delete(keyId);
  }

  private undoTo(mark: number): void {
    while (this.journal.length > mark) this.journal.pop()?.();
  }

  private save(): void {
    if (this.persist === undefined) return;
    try {
      this.persist(this.snapshot());
    } catch (error) {
      throw new KmsServiceError('InternalFailure', `The emulator could not save its state: ${(error as Error).message}`);
    }
  }

  /** Ends the outermost mutation, committed or rolled back: the journal empties, the DeleteDate index follows the keys. */
  private settle(): void {
    this.journal = [];
    this.copied.clear();
    for (const keyId of this.touched) this.indexDeleteDate(keyId);
    this.touched.clear();
  }

  private indexDeleteDate(keyId: string): void {
    const key = this.keys.get(keyId);
    const ms = key?.keyState === 'PendingDeletion' && key.deleteDate !== '' ? Date.parse(key.deleteDate) : undefined;
    if (ms === this.deleteDates.get(keyId)) return;
    if (ms === undefined) this.deleteDates.delete(keyId);
    else this.deleteDates.set(keyId, ms);
    this.earliestDeleteMs = undefined;
  }
}

/**
 * A Map in insertion order whose entries remember their place, so that undoing a delete puts the entry
 * back where it was (key and alias order is what ListKeys, ListAliases and the state file show).
 */
class OrderedTable<V> {
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

/** What `restoreRecord` needs to put a key record back exactly: its fields, and each version's fields. */
interface SavedRecord {
  fields: KeyRecord;
  versions: [object: KeyRecord['versions'][number], fields: KeyRecord['versions'][number]][];
}

function saveRecord(key: KeyRecord): SavedRecord {
  return { fields: { ...key }, versions: key.versions.map((version) => [version, { ...version }]) };
}

/** Restores into the same objects (record, versions array, version records), so references held elsewhere stay valid. */
function restoreRecord(key: KeyRecord, saved: SavedRecord): void {
  overwrite(key, saved.fields);
  key.versions.splice(0, key.versions.length, ...saved.versions.map(([version, fields]) => overwrite(version, fields)));
}

function overwrite<T extends object>(target: T, source: T): T {
  for (const name of Object.keys(target)) if (!Object.hasOwn(source, name)) delete (target as Record<string, unknown>)[name];
  return Object.assign(target, source);
}

/**
 * A deep copy of plain data (objects, arrays, primitives), which is all the state holds. Used for
 * state files: structuredClone costs half a second on a store of 10,000 keys, this a few ms.
 */
function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(value)) copy[name] = copyPlain((value as Record<string, unknown>)[name]);
  return copy as T;
}

/** The smallest of `values`, Infinity when there is none; a loop, as the keys PendingDeletion are unbounded in number and a spread into Math.min is not. */
function earliest(values: Iterable<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (const value of values) min = Math.min(min, value);
  return min;
}

function aliasId(region: string, aliasName: string): string {
  return `${region}\n${aliasName}`;
}
