/**
 * The common end of `kmsctl pin`, `kmsctl fmt` and `apply --pin`: show each changed config file as a
 * unified diff (--diff) or as summary lines, and write it unless --check. A file is written whole or
 * not at all, through a symlink to its target, keeping its permissions.
 */
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { CliError } from './cli-error.js';
import type { CommandContext, Output } from './command.js';
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
  /** Change nothing: only report. */
  check: boolean;
  diff: boolean;
  color: boolean;
  /** Where the diff and summary go (stdout, or stderr when stdout carries a JSON document). */
  out?: Output | undefined;
}

/** Reports and (unless checking) writes every file that changes; returns the changed ones. */
export async function applyRewrites(rewrites: readonly FileRewrite[], ctx: CommandContext, options: RewriteOptions): Promise<FileRewrite[]> {
  const out = options.out ?? ctx.stdout;
  const changed = rewrites.filter((r) => r.before !== r.after);
  for (const rewrite of changed) {
    if (options.diff) out.write(unifiedDiff(rewrite, options.color));
    else if (rewrite.summary.length > 0) out.write(`${rewrite.file}:\n${rewrite.summary.map((line) => `  ${line}\n`).join('')}`);
    if (!options.check) await writeConfigFile(resolve(ctx.cwd, rewrite.file), rewrite.after, rewrite.file);
  }
  return changed;
}

/** A unified diff of one file, `a/` and `b/` prefixed like git's so that `git apply` takes it. */
export function unifiedDiff(rewrite: Pick<FileRewrite, 'file' | 'before' | 'after'>, color: boolean): string {
  const name = rewrite.file.replace(/\\/g, '/');
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, rewrite.before, rewrite.after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
  if (!color) return patch;
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return `\u001b[1m${line}\u001b[0m`;
      if (line.startsWith('+')) return `\u001b[32m${line}\u001b[0m`;
      if (line.startsWith('-')) return `\u001b[31m${line}\u001b[0m`;
      if (line.startsWith('@@')) return `\u001b[36m${line}\u001b[0m`;
      return line;
    })
    .join('\n');
}

async function writeConfigFile(path: string, text: string, shown: string): Promise<void> {
  try {
    const target = await realpath(path);
    const mode = (await stat(target)).mode & 0o777;
    await writeFileAtomic(target, text, mode);
  } catch (error) {
    throw new CliError('config.unwritable', `cannot write ${shown}: ${(error as Error).message}`);
  }
}

/** `1 file`, `2 files`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
