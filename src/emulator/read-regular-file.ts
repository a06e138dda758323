/**
 * Reads a file the emulator was pointed to (state, lock, seed, faults, OIDC token or issuer key) only if
 * it is a regular file. A named pipe would block a plain read until some writer came, and a blocked
 * synchronous read holds the event loop, so not even SIGINT or SIGTERM could stop the emulator: the file
 * is opened without blocking, and what it is is judged on the open descriptor (no window between a
 * check and the read in which the path could be swapped).
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';

export type RegularFileRead =
  | { status: 'read'; text: string }
  | { status: 'missing' }
  /** `problem` completes "it ...": "is a named pipe (FIFO)", "cannot be read (EACCES)". */
  | { status: 'refused'; problem: string };

export function readRegularFile(path: string): RegularFileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing' };
    return { status: 'refused', problem: `cannot be read (${code ?? (error as Error).message})` };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { status: 'refused', problem: `is ${specialFileKind(info)}, not a regular file` };
    return { status: 'read', text: readFileSync(fd, 'utf8') };
  } catch (error) {
    return { status: 'refused', problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  } finally {
    closeSync(fd);
  }
}

/** What a path that is not a regular file is, in words. */
export function specialFileKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isDirectory()) return 'a directory';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a special file';
}
