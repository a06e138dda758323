/**
 * The emulator's state and its one way to change: `mutate`. A mutation runs synchronously, then the
 * whole state is persisted (synchronously, when there is a state file) before the request is answered;
 * if persisting fails, the state rolls back and the request fails with InternalFailure. Because nothing
 * can interleave with a synchronous check-and-insert, two concurrent CreateKeyVersion calls can never
 * both pass the 7-day rule, in memory or on disk.
 */
import type { OffsetClock } from './clock.js';
import { KmsServiceError } from './errors.js';
import type { AliasRecord, EmulatorState, KeyRecord } from './model.js';

/** Persists a full state; throws when it could not. */
export type PersistFn = (state: EmulatorState) => void;

export class EmulatorStore {
  private keys = new Map<string, KeyRecord>();
  private aliases = new Map<string, AliasRecord>();
  private depth = 0;
  private persist: PersistFn | undefined;
  /** Earliest DeleteDate of a key PendingDeletion (ms), recomputed after changes: reads then cost no scan. */
  private earliestDeleteMs: number | undefined;

  constructor(readonly clock: OffsetClock) {}

  /** From now on, every mutation is persisted with `persist` before it counts. */
  persistWith(persist: PersistFn): void {
    this.persist = persist;
  }

  /**
   * Runs `change` and persists the result; nested calls persist once, at the outermost. Whatever
   * fails, the state is as before: an error of `change` is rethrown as it is, a failed save becomes
   * InternalFailure.
   */
  mutate<T>(change: () => T): T {
    if (this.depth > 0) return change();
    const before = this.snapshot();
    this.depth += 1;
    try {
      const result = change();
      this.save(before);
      return result;
    } catch (error) {
      this.restore(before);
      throw error;
    } finally {
      this.depth -= 1;
      this.earliestDeleteMs = undefined;
    }
  }

  private save(before: EmulatorState): void {
    try {
      this.persist?.(this.snapshot());
    } catch (error) {
      this.restore(before);
      throw new KmsServiceError('InternalFailure', `The emulator could not save its state: ${(error as Error).message}`);
    }
  }

  /** A deep copy of the whole state, clock included. */
  snapshot(): EmulatorState {
    return copyPlain({ keys: [...this.keys.values()], aliases: [...this.aliases.values()], clock: this.clock.save() });
  }

  /** Replaces the whole state (loading a state file, or rolling back a failed mutation). */
  restore(state: EmulatorState): void {
    const copy = copyPlain(state);
    this.earliestDeleteMs = undefined;
    this.keys = new Map(copy.keys.map((key) => [key.keyId, key]));
    this.aliases = new Map(copy.aliases.map((alias) => [aliasKey(alias.region, alias.aliasName), alias]));
    this.clock.restore(copy.clock);
  }

  /** Keys of a region in creation order. */
  keysIn(region: string): KeyRecord[] {
    return [...this.keys.values()].filter((key) => key.region === region);
  }

  /** A key by ID in any region (IDs are unique across regions). */
  keyById(keyId: string): KeyRecord | undefined {
    return this.keys.get(keyId);
  }

  alias(region: string, aliasName: string): AliasRecord | undefined {
    return this.aliases.get(aliasKey(region, aliasName));
  }

  aliasesIn(region: string): AliasRecord[] {
    return [...this.aliases.values()].filter((alias) => alias.region === region);
  }

  aliasesOf(keyId: string): AliasRecord[] {
    return [...this.aliases.values()].filter((alias) => alias.keyId === keyId);
  }

  /** The key a `KeyId` parameter names in a region: a key ID or `alias/...`. */
  resolveKey(region: string, keyIdOrAlias: string): KeyRecord {
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

  /** Adds a key; call inside `mutate`. */
  addKey(key: KeyRecord): void {
    if (this.keys.has(key.keyId)) throw new Error(`duplicate key ID ${key.keyId}`);
    this.keys.set(key.keyId, key);
  }

  /** Adds an alias; call inside `mutate`. Uniqueness per region is the caller's check. */
  addAlias(alias: AliasRecord): void {
    this.aliases.set(aliasKey(alias.region, alias.aliasName), alias);
  }

  removeAlias(region: string, aliasName: string): void {
    this.aliases.delete(aliasKey(region, aliasName));
  }

  /** The earliest DeleteDate of a key PendingDeletion, or Infinity when none is. */
  private earliestDeleteDate(): number {
    let earliest = Number.POSITIVE_INFINITY;
    for (const key of this.keys.values()) {
      if (key.keyState === 'PendingDeletion' && key.deleteDate !== '') earliest = Math.min(earliest, Date.parse(key.deleteDate));
    }
    return earliest;
  }

  /**
   * Deletes the keys whose deletion window has passed on the emulator clock, with their aliases, as the
   * service does once DeleteDate arrives. Runs before each request; persists only when it deleted something.
   */
  purgeDeletedKeys(): void {
    const now = this.clock.nowMs();
    this.earliestDeleteMs ??= this.earliestDeleteDate();
    if (now < this.earliestDeleteMs) return;
    const due = [...this.keys.values()].filter((key) => key.keyState === 'PendingDeletion' && key.deleteDate !== '' && Date.parse(key.deleteDate) <= now);
    if (due.length === 0) return;
    this.mutate(() => {
      for (const key of due) {
        this.keys.delete(key.keyId);
        for (const alias of this.aliasesOf(key.keyId)) this.removeAlias(alias.region, alias.aliasName);
      }
    });
  }
}

/**
 * A deep copy of plain data (objects, arrays, primitives), which is all the state holds. Used for every
 * mutation's rollback point: structuredClone costs half a second on a store of 10,000 keys, this a few ms.
 */
function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(value)) copy[name] = copyPlain((value as Record<string, unknown>)[name]);
  return copy as T;
}

function aliasKey(region: string, aliasName: string): string {
  return `${region}\n${aliasName}`;
}
