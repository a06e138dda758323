/** How renderers name the version a key gets next: its entry, or rotation. */
import { entryName } from '../plan/entry-name.js';
import { assertNever, type PlannedVersion } from '../plan/types.js';

export function describePlannedVersion(version: PlannedVersion): string {
  switch (version.cause) {
    case 'declared':
      return entryName(version.entry ?? 0, version.label);
    case 'rotation':
      return 'a new version for rotation.maxAge';
    default:
      return assertNever(version.cause, 'create cause');
  }
}
