/**
 * The common end of `kmsctl pin`, `kmsctl fmt` and `apply --pin`: show each changed config file as a
 * unified diff (--diff) or as summary lines, and write it unless --check. A file is written whole or
 * not at all, through a symlink to its target, keeping its permissions. A read-only file (no write
 * bit for anyone) is refused, never rewritten: the atomic rename would replace it whatever its mode, so
 * its mode is checked, not the process's access (root may write anything).
 */
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { createStyle } from '../style.js';
import { CliError } from './cli-error.js';
import type { Output } from './command.js';
import { CLI_CODES } from './error-codes.js';
import { writeFileAtomic } from './write-file-atomic.js';

export interface FileRewrite {
  /** The file as the user gave it (relative paths stay relative). */
  file: string;
  before: string;
  after: string;
  /** Lines that say what changes, for the output without --diff. */
  summary: string[];
}

export interface RewriteOptions {
  cwd: string;
  /** Change nothing: only report. */
  check: boolean;
  diff: boolean;
  color: boolean;
  /** Where the diff and summary go (stdout, or stderr when stdout carries a JSON document). */
  out: Output;
}

/** Reports and (unless checking) writes every file that changes; returns the changed ones. */
export async function applyRewrites(rewrites: readonly FileRewrite[], options: RewriteOptions): Promise<FileRewrite[]> {
  const changed = rewrites.filter((r) => r.before !== r.after);
  if (!options.check) for (const rewrite of changed) await assertWritable(resolve(options.cwd, rewrite.file), rewrite.file);
  for (const rewrite of changed) {
    if (options.diff) options.out.write(unifiedDiff(rewrite, options.color));
    else if (rewrite.summary.length > 0) options.out.write(`${rewrite.file}:\n${rewrite.summary.map((line) => `  ${line}\n`).join('')}`);
    if (!options.check) await writeConfigFile(resolve(options.cwd, rewrite.file), rewrite.after, rewrite.file);
  }
  return changed;
}

/** A unified diff of one file, `a/` and `b/` prefixed like git's so that `git apply` takes it. */
export function unifiedDiff(rewrite: Pick<FileRewrite, 'file' | 'before' | 'after'>, color: boolean): string {
  const name = rewrite.file.replace(/\\/g, '/');
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, rewrite.before, rewrite.after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
  if (!color) return patch;
  const style = createStyle(true);
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return style.bold(line);
      if (line.startsWith('+')) return style.green(line);
      if (line.startsWith('-')) return style.red(line);
      if (line.startsWith('@@')) return style.cyan(line);
      return line;
    })
    .join('\n');
}

/** Why a config file cannot be rewritten (read-only, missing, unreadable), or undefined. */
export async function rewriteProblem(path: string, shown: string): Promise<CliError | undefined> {
  let mode: number;
  try {
    mode = (await stat(await realpath(path))).mode;
  } catch (error) {
    return new CliError(CLI_CODES.configUnwritable, `cannot write ${shown}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((error as NodeJS.ErrnoException).code ?? 'unknown error')}`);
  }
  if ((mode & 0o222) === 0) {
    return new CliError(CLI_CODES.configReadOnly, `${shown} is read-only (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); kmsctl does not rewrite a read-only config`, undefined, `make it writable first (chmod u+w ${shown}), or leave --check on`);
  }
  return undefined;
}

async function assertWritable(path: string, shown: string): Promise<void> {
  const problem = await rewriteProblem(path, shown);
  if (problem) throw problem;
}

async function writeConfigFile(path: string, text: string, shown: string): Promise<void> {
  try {
    const target = await realpath(path);
    const mode = (await stat(target)).mode & 0o777;
    await writeFileAtomic(target, text, mode);
  } catch (error) {
    throw new CliError(CLI_CODES.configUnwritable, `cannot write ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** `1 file`, `2 files`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
