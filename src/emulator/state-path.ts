/**
 * The real file behind a `--state` path. An emulator works on the file a symbolic link points to, not on
 * the link: its lock is named after the real file, its temp files and the rename land next to it, so
 * `link.json` (a link to `real.json`) and `real.json` are one state with one lock, and a write never
 * replaces the link with a file of its own (which would fork the state: versions acknowledged to one
 * emulator missing from the other's file). Links are followed even when their target does not exist
 * yet, so the first write creates the target; directories on the way are resolved too.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** As the kernel's own limit on links followed in one path lookup (Linux MAXSYMLINKS). */
const MAX_LINKS = 40;

export type StatePathResult = { path: string } | { problem: string };

/** The absolute path of the real file `given` names (following links), or why there is none. */
export function resolveStatePath(given: string): StatePathResult {
  let current = resolve(given);
  for (let followed = 0; followed <= MAX_LINKS; followed += 1) {
    const target = linkTarget(current);
    if (typeof target === 'object') return target;
    if (target === undefined) return { path: join(realDirectory(dirname(current)), basename(current)) };
    current = resolve(dirname(current), target);
  }
  return { problem: `it is a chain of more than ${MAX_LINKS} symbolic links (a loop?)` };
}

/** What the link at `path` points to; undefined when `path` is no link (or does not exist). */
function linkTarget(path: string): string | undefined | { problem: string } {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { problem: `its path cannot be looked at (${code ?? (error as Error).message})` };
  }
}

/** The directory with its links resolved; as given when it does not exist (the first write then says so). */
function realDirectory(directory: string): string {
  try {
    return realpathSync(directory);
  } catch {
    return directory;
  }
}
