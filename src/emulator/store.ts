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
import { KeyIndexes, type DueKind } from './key-indexes.js';
import type { AccountRecord, AliasRecord, AliasView, EmulatorState, InstanceRecord, KeyRecord, KeyView, Scope } from './model.js';
import { inScope } from './model.js';
import { OrderedTable, type Undo } from './ordered-table.js';
import { copyPlain, restoreRecord, saveRecord } from './record-copies.js';

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
  /** Adds an alias, or points an existing one at another key. Uniqueness per account and region is the caller's check. */
  putAlias(alias: AliasRecord): void;
  removeAlias(scope: Scope, aliasName: string): void;
  /** Adds a declared KMS instance, or replaces the one with its ID. */
  putInstance(instance: InstanceRecord): void;
  /** Adds a declared account, or replaces the one with its UID. */
  putAccount(account: AccountRecord): void;
  /** The account the emulator's own access key belongs to. */
  setBaseAccount(uid: string): void;
  advanceClock(ms: number): void;
  setClock(date: Date): void;
}

/** Objects are stored as given: records added through the writer are the store's from then on. */
export class EmulatorStore {
  readonly clock: StoreClock;
  private keys = new OrderedTable<KeyRecord>();
  private aliases = new OrderedTable<AliasRecord>();
  private instances = new OrderedTable<InstanceRecord>();
  private accounts = new OrderedTable<AccountRecord>();
  private base: string;
  /** Alias table IDs by the key they point to: CreateAlias and purges find a key's aliases without a scan. */
  private aliasIdsByKey = new Map<string, Set<string>>();
  /** Deletion and rotation dates, and instance usage: refreshed for each key a mutation touched. */
  private readonly indexes = new KeyIndexes();
  private persist: PersistFn | undefined;

  private depth = 0;
  private journal: Undo[] = [];
  /** Records whose copy is in the journal already: a key edited twice in one mutation is copied once. */
  private readonly copied = new Set<KeyRecord>();
  /** Key IDs added, removed or edited in this mutation, whose index entries are refreshed at its end. */
  private readonly touched = new Set<string>();

  constructor(
    private readonly time: OffsetClock,
    baseAccount: string,
  ) {
    this.clock = time;
    this.base = baseAccount;
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
    return copyPlain({
      baseAccount: this.base,
      accounts: [...this.accounts.values()],
      instances: [...this.instances.values()],
      keys: [...this.keys.values()],
      aliases: [...this.aliases.values()],
      clock: this.time.save(),
    });
  }

  /** Replaces the whole state with a copy of `state` (loading a state file); not inside a mutation. */
  load(state: EmulatorState): void {
    if (this.depth > 0) throw new Error('the store cannot load a state during a mutation');
    const copy = copyPlain(state);
    this.keys = new OrderedTable();
    this.aliases = new OrderedTable();
    this.instances = new OrderedTable();
    this.accounts = new OrderedTable();
    this.aliasIdsByKey = new Map();
    this.indexes.clear();
    this.base = copy.baseAccount;
    for (const account of copy.accounts) this.accounts.set(account.uid, account);
    for (const instance of copy.instances) this.instances.set(instance.instanceId, instance);
    for (const key of copy.keys) {
      this.keys.set(key.keyId, key);
      this.indexes.refresh(key.keyId, key);
    }
    for (const alias of copy.aliases) this.writeAlias(aliasId(alias, alias.aliasName), alias);
    this.time.restore(copy.clock);
  }

  /** The account of the emulator's own access key. */
  get baseAccount(): string {
    return this.base;
  }

  /** Keys of an account and region in creation order. */
  keysIn(scope: Scope): KeyView[] {
    return [...this.keys.values()].filter((key) => inScope(key, scope));
  }

  /** A key by ID, whatever its account and region (IDs are unique); callers check the scope. */
  keyById(keyId: string): KeyView | undefined {
    return this.keys.get(keyId);
  }

  alias(scope: Scope, aliasName: string): AliasView | undefined {
    return this.aliases.get(aliasId(scope, aliasName));
  }

  aliasesIn(scope: Scope): AliasView[] {
    return [...this.aliases.values()].filter((alias) => inScope(alias, scope));
  }

  /** The aliases pointing to a key, in the order ListAliases shows them. */
  aliasesOf(keyId: string): AliasView[] {
    const ids = [...(this.aliasIdsByKey.get(keyId) ?? [])].sort((a, b) => this.aliases.place(a) - this.aliases.place(b));
    return ids.map((id) => this.aliases.get(id)).filter((alias) => alias !== undefined);
  }

  /** A declared KMS instance by ID (default instances are not stored: see instances.ts). */
  declaredInstance(instanceId: string): Readonly<InstanceRecord> | undefined {
    return this.instances.get(instanceId);
  }

  declaredInstancesIn(scope: Scope): Readonly<InstanceRecord>[] {
    return [...this.instances.values()].filter((instance) => inScope(instance, scope));
  }

  /** A declared account, or undefined for an account no seed named. */
  account(uid: string): Readonly<AccountRecord> | undefined {
    return this.accounts.get(uid);
  }

  /** Versions held by all keys of a KMS instance: the units of its key quota in use. */
  instanceUsage(instanceId: string): number {
    return this.indexes.instanceUsage(instanceId);
  }

  /** Keys whose DeleteDate (`deletion`) or NextRotationDate (`rotation`) has come at `nowMs`. */
  keysDue(kind: DueKind, nowMs: number): string[] {
    return this.indexes.dueKeys(kind, nowMs);
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
      this.record(this.writeAlias(aliasId(alias, alias.aliasName), alias));
    },
    removeAlias: (scope, aliasName) => {
      this.assertMutating();
      this.record(this.writeAlias(aliasId(scope, aliasName), undefined));
    },
    putInstance: (instance) => {
      this.assertMutating();
      this.record(this.instances.set(instance.instanceId, instance));
    },
    putAccount: (account) => {
      this.assertMutating();
      this.record(this.accounts.set(account.uid, account));
    },
    setBaseAccount: (uid) => {
      this.assertMutating();
      const previous = this.base;
      this.base = uid;
      this.record(() => (this.base = previous));
    },
    advanceClock: (ms) => this.moveClock(() => this.time.advance(ms)),
    setClock: (date) => this.moveClock(() => this.time.set(date)),
  };

  private assertMutating(): void {
    if (this.depth === 0) throw new Error('the store changes only inside mutate()');
  }

  /** Journals the inverse of a change just made; `keyId` names a key whose index entries may have changed. */
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

  /** Ends the outermost mutation, committed or rolled back: the journal empties, the indexes follow the keys. */
  private settle(): void {
    this.journal = [];
    this.copied.clear();
    for (const keyId of this.touched) this.indexes.refresh(keyId, this.keys.get(keyId));
    this.touched.clear();
  }
}

/** Aliases are unique per account and region. */
function aliasId(scope: Scope, aliasName: string): string {
  return `${scope.account}\n${scope.region}\n${aliasName}`;
}
