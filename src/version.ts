/**
 * kmsctl's version, read from package.json at runtime so it is right from both `src/` (tests, tsx)
 * and `dist/` (the installed CLI): both sit one folder below the package root.
 */
import { readFileSync } from 'node:fs';

/** Walks up from this file to the first package.json named `kmsctl` and returns its version. */
function readPackageVersion(): string {
  let dir = new URL('./', import.meta.url);
  for (let depth = 0; depth < 4; depth++) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'));
      if (typeof pkg === 'object' && pkg !== null) {
        const { name, version } = pkg as { name?: unknown; version?: unknown };
        if (name === 'kmsctl' && typeof version === 'string') return version;
      }
    } catch {
      // No package.json at this level: keep walking up.
    }
    dir = new URL('../', dir);
  }
  return '0.0.0-unknown';
}

/** The version of this kmsctl, e.g. `0.1.0`. */
export const KMSCTL_VERSION: string = readPackageVersion();
