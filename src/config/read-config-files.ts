/**
 * Expands the config paths the user gave (`-f`, repeatable; `kmsctl.yaml` or `kmsctl.yml` by default;
 * `-` for standard input) into files and reads them. A directory stands for its `*.yaml` and `*.yml`
 * files, sorted by name, not recursive, dot files skipped; a config-named entry of it that cannot be
 * read (a broken or looping symbolic link, a FIFO, a socket, a device) is reported, not skipped. Sizes
 * are checked before reading (config-limits.ts). A path that cannot be read becomes a diagnostic naming
 * it, never an exception.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { errorDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { CONFIG_CODES } from './codes.js';
import { formatBytes, MAX_CONFIG_BYTES, MAX_CONFIG_FILE_BYTES } from './config-limits.js';

export const DEFAULT_CONFIG_FILE = 'kmsctl.yaml';
/** Looked for when kmsctl.yaml is not there. */
export const ALTERNATE_CONFIG_FILE = 'kmsctl.yml';
/** The `-f` value that stands for standard input. */
export const STDIN_PATH = '-';
const CONFIG_EXTENSIONS = ['.yaml', '.yml'];

export interface ConfigFileText {
  /** As the user gave it, or joined to the directory as given; standard input's display name. */
  path: string;
  text: string;
}

export interface ReadOptions {
  /** The text of `-f -`, with the name messages give it; without it `-` is an error. */
  stdin?: { name: string; text: string } | undefined;
  /** Limits; the defaults are those of config-limits.ts (tests pass smaller ones). */
  maxFileBytes?: number;
  maxTotalBytes?: number;
}

export async function readConfigFiles(paths: readonly string[], cwd: string, options: ReadOptions = {}): Promise<{ files: ConfigFileText[]; diagnostics: Diagnostic[] }> {
  const maxFile = options.maxFileBytes ?? MAX_CONFIG_FILE_BYTES;
  const maxTotal = options.maxTotalBytes ?? MAX_CONFIG_BYTES;
  const diagnostics: Diagnostic[] = [];
  const files: ConfigFileText[] = [];
  const seen = new Set<string>();
  let total = 0;
  let overTotal = false;

  /** Accepts a file's size, or says why not; the total is checked once, when first exceeded. */
  const fits = (path: string, bytes: number): boolean => {
    if (bytes > maxFile) {
      diagnostics.push(errorDiagnostic(CONFIG_CODES.fileTooLarge, `${JSON.stringify(path)} is ${formatBytes(bytes)}, more than the ${formatBytes(maxFile)} a config file may hold`, fileOnly(path), LIMIT_DETAIL));
      return false;
    }
    if (total + bytes > maxTotal) {
      if (!overTotal) diagnostics.push(errorDiagnostic(CONFIG_CODES.configTooLarge, `the config files are more than ${formatBytes(maxTotal)} together; ${JSON.stringify(path)} and the files after it were not read`, fileOnly(path), LIMIT_DETAIL));
      overTotal = true;
      return false;
    }
    total += bytes;
    return true;
  };

  const readOne = async (path: string, info: Stats): Promise<void> => {
    const absolute = resolve(cwd, path);
    const identity = await realpath(absolute).catch(() => absolute);
    if (seen.has(identity)) return;
    seen.add(identity);
    if (overTotal || !fits(path, info.size)) return;
    try {
      files.push({ path, text: await readFile(absolute, 'utf8') });
    } catch (error) {
      diagnostics.push(unreadable(path, error));
    }
  };

  const given = paths.length > 0 ? paths : [await defaultFile(cwd, diagnostics)].filter((p): p is string => p !== undefined);
  for (const path of given) {
    if (path === STDIN_PATH) {
      readStdin(options.stdin, seen, fits, files, diagnostics);
      continue;
    }
    const absolute = resolve(cwd, path);
    let info: Stats;
    try {
      info = await stat(absolute);
    } catch (error) {
      diagnostics.push(await unreachable(path, absolute, error, paths.length === 0, cwd));
      continue;
    }
    if (info.isDirectory()) {
      const listed = await configFilesIn(path, absolute);
      diagnostics.push(...listed.diagnostics);
      if (listed.files.length === 0 && listed.diagnostics.length === 0) {
        diagnostics.push(errorDiagnostic(CONFIG_CODES.noConfigFiles, `the directory ${JSON.stringify(path)} holds no *.yaml or *.yml files`, fileOnly(path), 'subdirectories are not read'));
      }
      for (const file of listed.files) await readOne(file.path, file.info);
    } else if (info.isFile()) {
      await readOne(path, info);
    } else {
      diagnostics.push(errorDiagnostic(CONFIG_CODES.fileUnreadable, `cannot read ${JSON.stringify(path)}: ${kindOf(info)}, not a regular file or directory`, fileOnly(path)));
    }
  }
  return { files, diagnostics };
}

const LIMIT_DETAIL = `kmsctl reads at most ${formatBytes(MAX_CONFIG_FILE_BYTES)} per file and ${formatBytes(MAX_CONFIG_BYTES)} in all, before parsing anything; split a config this large by account or region`;

function readStdin(stdin: ReadOptions['stdin'], seen: Set<string>, fits: (path: string, bytes: number) => boolean, files: ConfigFileText[], diagnostics: Diagnostic[]): void {
  if (seen.has(STDIN_PATH)) return;
  seen.add(STDIN_PATH);
  if (stdin === undefined) {
    diagnostics.push(errorDiagnostic(CONFIG_CODES.stdinUnavailable, '"-f -" reads the config from standard input, and none was given'));
    return;
  }
  if (fits(stdin.name, Buffer.byteLength(stdin.text, 'utf8'))) files.push({ path: stdin.name, text: stdin.text });
}

/** kmsctl.yaml, else kmsctl.yml, in `cwd`; both there is a mistake waiting to happen, so it is one. */
async function defaultFile(cwd: string, diagnostics: Diagnostic[]): Promise<string | undefined> {
  const exists = async (name: string): Promise<boolean> => stat(join(cwd, name)).then(() => true, () => false);
  const [yaml, yml] = await Promise.all([exists(DEFAULT_CONFIG_FILE), exists(ALTERNATE_CONFIG_FILE)]);
  if (yaml && yml) {
    diagnostics.push(
      errorDiagnostic(
        CONFIG_CODES.ambiguousDefaultFile,
        `both ${DEFAULT_CONFIG_FILE} and ${ALTERNATE_CONFIG_FILE} are in ${cwd}`,
        undefined,
        'keep one, or say which to read with -f',
      ),
    );
    return undefined;
  }
  return yml ? ALTERNATE_CONFIG_FILE : DEFAULT_CONFIG_FILE;
}

/** The config files directly in a directory, sorted by name (code-point order); config-named entries that are not files are reported. */
async function configFilesIn(path: string, directory: string): Promise<{ files: { path: string; info: Stats }[]; diagnostics: Diagnostic[] }> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    return { files: [], diagnostics: [unreadable(path, error)] };
  }
  const names = entries
    .map((entry) => entry.name)
    .filter((name) => !name.startsWith('.') && CONFIG_EXTENSIONS.some((ext) => name.endsWith(ext)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files: { path: string; info: Stats }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    const entryPath = join(path, name);
    const absolute = join(directory, name);
    let info: Stats;
    try {
      info = await stat(absolute);
    } catch (error) {
      diagnostics.push(await unreachable(entryPath, absolute, error, false));
      continue;
    }
    // Subdirectories are not read, whatever their name.
    if (info.isDirectory()) continue;
    if (info.isFile()) files.push({ path: entryPath, info });
    else diagnostics.push(errorDiagnostic(CONFIG_CODES.fileUnreadable, `cannot read ${JSON.stringify(entryPath)} in ${JSON.stringify(path)}: ${kindOf(info)}, not a regular file`, fileOnly(entryPath)));
  }
  return { files, diagnostics };
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a special file';
}

/** A position-less location: the formatter shows the path alone (its text is not in the sources). */
function fileOnly(path: string) {
  return { file: path, start: 0, end: 0 };
}

/** Why `stat` failed, told apart for symbolic links: broken, or a loop. */
async function unreachable(path: string, absolute: string, error: unknown, isDefault: boolean, cwd?: string): Promise<Diagnostic> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ELOOP') return errorDiagnostic(CONFIG_CODES.fileUnreadable, `cannot read ${JSON.stringify(path)}: a symbolic link that leads back to itself`, fileOnly(path));
  if (code === 'ENOENT' && (await lstat(absolute).then((l) => l.isSymbolicLink(), () => false))) {
    return errorDiagnostic(CONFIG_CODES.fileUnreadable, `cannot read ${JSON.stringify(path)}: a symbolic link to a file that does not exist`, fileOnly(path));
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return errorDiagnostic(
      CONFIG_CODES.fileNotFound,
      `cannot find ${JSON.stringify(path)}`,
      fileOnly(path),
      isDefault ? `no ${DEFAULT_CONFIG_FILE} or ${ALTERNATE_CONFIG_FILE} in ${cwd ?? 'the current directory'}; pass a file or directory with -f` : undefined,
    );
  }
  return unreadable(path, error);
}

function unreadable(path: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : ((error as Error | undefined)?.message ?? String(error));
  return errorDiagnostic(CONFIG_CODES.fileUnreadable, `cannot read ${JSON.stringify(path)}: ${reason}`, fileOnly(path));
}
