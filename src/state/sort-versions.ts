import type { KeyVersion } from '../kms/types.js';

/** Oldest first, by CreationDate then ID: the service does not guarantee the listing's order. */
export function sortVersions(versions: readonly KeyVersion[]): KeyVersion[] {
  return [...versions].sort(
    (a, b) => Date.parse(a.creationDate) - Date.parse(b.creationDate) || (a.keyVersionId < b.keyVersionId ? -1 : a.keyVersionId > b.keyVersionId ? 1 : 0),
  );
}
