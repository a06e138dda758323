/**
 * What the store derives from its keys, kept up to date key by key rather than found by a scan: when
 * each key PendingDeletion goes away, when each rotating key next gets a version, and how many versions
 * each KMS instance holds (its used key quota). The store refreshes a key's entries at the end of every
 * mutation that touched it, so the check before each request costs nothing while nothing is due.
 */
import { nextRotationMs, type KeyView } from './model.js';

/** The two things that happen to keys on the emulator clock, before each request. */
export type DueKind = 'deletion' | 'rotation';

/** Instants by key ID, with the earliest cached: most requests find nothing due in O(1). */
class DueIndex {
  private readonly dates = new Map<string, number>();
  private earliest: number | undefined;

  set(keyId: string, ms: number | undefined): void {
    if (ms === this.dates.get(keyId)) return;
    if (ms === undefined) this.dates.delete(keyId);
    else this.dates.set(keyId, ms);
    this.earliest = undefined;
  }

  /** Key IDs whose instant is at or before `nowMs`, in the order they were indexed. */
  due(nowMs: number): string[] {
    this.earliest ??= smallest(this.dates.values());
    if (nowMs < this.earliest) return [];
    return [...this.dates].filter(([, ms]) => ms <= nowMs).map(([keyId]) => keyId);
  }

  clear(): void {
    this.dates.clear();
    this.earliest = undefined;
  }
}

export class KeyIndexes {
  private readonly deletion = new DueIndex();
  private readonly rotation = new DueIndex();
  /** Versions per instance ID, and what each key added to it (to take back when the key changes). */
  private readonly usage = new Map<string, number>();
  private readonly counted = new Map<string, { instanceId: string; versions: number }>();

  /** Brings a key's entries in line with the key, or removes them when it is gone (`undefined`). */
  refresh(keyId: string, key: KeyView | undefined): void {
    const deleteMs = key?.keyState === 'PendingDeletion' && key.deleteDate !== '' ? Date.parse(key.deleteDate) : undefined;
    this.deletion.set(keyId, deleteMs);
    this.rotation.set(keyId, key?.keyState === 'Enabled' ? nextRotationMs(key) : undefined);
    const before = this.counted.get(keyId);
    if (before) this.addUsage(before.instanceId, -before.versions);
    if (key !== undefined && key.dkmsInstanceId !== '') {
      this.counted.set(keyId, { instanceId: key.dkmsInstanceId, versions: key.versions.length });
      this.addUsage(key.dkmsInstanceId, key.versions.length);
    } else {
      this.counted.delete(keyId);
    }
  }

  dueKeys(kind: DueKind, nowMs: number): string[] {
    return (kind === 'deletion' ? this.deletion : this.rotation).due(nowMs);
  }

  /** Versions of all keys in the instance: the units of its key quota in use. */
  instanceUsage(instanceId: string): number {
    return this.usage.get(instanceId) ?? 0;
  }

  clear(): void {
    this.deletion.clear();
    this.rotation.clear();
    this.usage.clear();
    this.counted.clear();
  }

  private addUsage(instanceId: string, delta: number): void {
    const total = (this.usage.get(instanceId) ?? 0) + delta;
    if (total === 0) this.usage.delete(instanceId);
    else this.usage.set(instanceId, total);
  }
}

/** The smallest of `values`, Infinity when there is none; a loop, as the entries are unbounded in number and a spread into Math.min is not. */
function smallest(values: Iterable<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (const value of values) min = Math.min(min, value);
  return min;
}
