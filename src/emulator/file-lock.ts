/**
 * An exclusive lock on a state file, so two emulators never share one: `<state>.lock`, created with
 * O_EXCL and holding the owner's pid. A lock whose pid is no longer running (an emulator that was
 * killed) may be taken over; a live one, even in this very process, is a conflict. Liveness is judged
 * by pid on this host: emulators sharing a state file across containers are not detected.
 */
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

export class LockConflictError extends Error {
  override readonly name = 'LockConflictError';
  constructor(
    readonly lockPath: string,
    readonly ownerPid: number | undefined,
  ) {
    super(
      `The emulator state file is in use: ${lockPath} is held by ${ownerPid === undefined ? 'another process' : `process ${ownerPid}`}. ` +
        'Stop that emulator or use another --state file (delete the lock file only if no emulator is running).',
    );
  }
}

/** A lock file just created and not yet written is younger than this: treat it as held, not stale. */
const FRESH_LOCK_MS = 2000;

/**
 * Locks this process holds. A lock file naming this process's pid but absent here was left by an
 * earlier process that had the same pid (common in containers, where the emulator is often pid 1).
 */
const HELD = new Set<string>();

export class FileLock {
  private released = false;
  private constructor(readonly path: string) {}

  /** Takes the lock or throws LockConflictError. */
  static acquire(lockPath: string): FileLock {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (tryCreate(lockPath)) {
        HELD.add(lockPath);
        return new FileLock(lockPath);
      }
      const owner = readOwner(lockPath);
      if (owner === 'gone') continue;
      const held = owner === undefined ? isFresh(lockPath) : owner === process.pid ? HELD.has(lockPath) : isAlive(owner);
      if (held) throw new LockConflictError(lockPath, owner);
      takeOver(lockPath, owner);
    }
    throw new LockConflictError(lockPath, undefined);
  }

  /** Removes the lock file if it is still ours. */
  release(): void {
    if (this.released) return;
    this.released = true;
    HELD.delete(this.path);
    if (readOwner(this.path) === process.pid) unlinkSync(this.path);
  }
}

function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The pid in a lock file; undefined when unreadable; 'gone' when the file vanished meanwhile. */
function readOwner(lockPath: string): number | undefined | 'gone' {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isFresh(lockPath: string): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs < FRESH_LOCK_MS;
  } catch {
    return false;
  }
}

/**
 * Moves a stale lock aside atomically (rename), then checks that what moved is the stale lock that
 * was judged dead; if another emulator had replaced it meanwhile, puts that one back.
 */
function takeOver(lockPath: string, stalePid: number | undefined): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readOwner(aside);
  if (moved !== stalePid && moved !== 'gone') {
    try {
      linkSync(aside, lockPath);
    } catch {
      // Someone holds a newer lock already; theirs stands.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Already gone.
  }
}
