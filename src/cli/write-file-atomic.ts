/**
 * Writes a file whole or not at all: a temporary file beside it, then a rename. Errors name the file
 * asked for (never the temporary one): a missing folder says so.
 */
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class WriteError extends Error {
  override readonly name = 'WriteError';
}

export async function writeFileAtomic(path: string, text: string, mode = 0o644): Promise<void> {
  const folder = dirname(path);
  const info = await stat(folder).catch(() => undefined);
  if (info === undefined) throw new WriteError(`the folder ${folder} does not exist`);
  if (!info.isDirectory()) throw new WriteError(`${folder} is not a folder`);
  const temp = join(folder, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let handle;
  try {
    handle = await open(temp, 'w', mode);
  } catch (error) {
    throw new WriteError(`cannot create a file in ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new WriteError(`cannot replace ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
