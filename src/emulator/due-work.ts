/**
 * What happens to keys on the emulator clock, done before each request (and persisted like any other
 * change): a key whose DeleteDate has come goes away with its aliases, and an Enabled key with automatic
 * rotation whose NextRotationDate has come gets a version dated at that instant, one for every interval
 * the clock passed, as the service rotates such keys itself. A client then sees versions it did not
 * make, in ListKeyVersions and DescribeKey alike. Keys that are not Enabled are not rotated (their
 * policy shows `Suspended`); enabled again, a key catches up on the intervals it missed. No page says
 * what the service does when a rotating key reaches 50 versions or its instance's key quota is used
 * up, so the emulator keeps rotating: a client must not assume a symmetric key stays under the cap.
 */
import { formatDate } from './dates.js';
import { newVersionId } from './ids.js';
import { nextRotationMs, type KeyView } from './model.js';
import type { EmulatorStore, StoreWriter } from './store.js';

/** Costs two map lookups when nothing is due, which is nearly always. */
export function runDueWork(store: EmulatorStore): void {
  const nowMs = store.clock.nowMs();
  const deletions = store.keysDue('deletion', nowMs);
  const rotations = store.keysDue('rotation', nowMs);
  if (deletions.length === 0 && rotations.length === 0) return;
  store.mutate((writer) => {
    for (const keyId of deletions) writer.removeKey(keyId);
    for (const keyId of rotations) {
      const key = store.keyById(keyId);
      if (key !== undefined) rotate(writer, key, nowMs);
    }
  });
}

function rotate(writer: StoreWriter, key: KeyView, nowMs: number): void {
  const edited = writer.editKey(key);
  for (let next = nextRotationMs(edited); next !== undefined && next <= nowMs; next = nextRotationMs(edited)) {
    edited.versions.push({ keyVersionId: newVersionId(edited), creationDate: formatDate(next) });
  }
}
