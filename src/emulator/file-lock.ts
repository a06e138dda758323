/**
 * An exclusive lock on a state file, so two emulators never share one: `<state>.lock`, created with
 * O_EXCL and holding the owner's pid. A lock whose pid is no longer running (an emulator that was
 * killed, also one killed a moment ago whose parent has not reaped it yet: a zombie runs no code) may
 * be taken over; a live one, even in this very process, is a conflict. Liveness is judged by pid on
 * this host: emulators sharing a state file across containers are not detected. A lock path that is
 * not a regular file (a FIFO, a directory) is never read, only refused.
 */
import { closeSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readRegularFile } from './read-regular-file.js';

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

/**
 * The pid in a lock file; undefined when it holds none; 'gone' when the file vanished meanwhile. Throws
 * when the path is not a regular file or cannot be read: the caller reports that, it is no lock.
 */
function readOwner(lockPath: string): number | undefined | 'gone' {
  const read = readRegularFile(lockPath);
  if (read.status === 'missing') return 'gone';
  if (read.status === 'refused') throw new Error(`the lock file ${lockPath} ${read.problem}`);
  const pid = Number(read.text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether the process runs: it exists (signal 0 reaches it, or EPERM says it is someone else's) and is no zombie. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

/**
 * Whether the process has exited and only waits to be reaped (state Z, or X while it goes), as
 * /proc/<pid>/stat tells on Linux. Where there is no /proc, signal 0 alone decides.
 */
function isZombie(pid: number): boolean {
  const read = readRegularFile(`/proc/${pid}/stat`);
  if (read.status !== 'read') return false;
  // "pid (command name) S ...": the name may hold spaces and parentheses, the state follows the last ")".
  const state = read.text.slice(read.text.lastIndexOf(')') + 2, read.text.lastIndexOf(')') + 3);
  return state === 'Z' || state === 'X';
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
