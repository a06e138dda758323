/**
 * Expands the config paths the user gave (`-f`, repeatable; `kmsctl.yaml` by default) into files and
 * reads them. A directory stands for its `*.yaml` and `*.yml` files, sorted by name, not recursive, dot
 * files skipped. A path that cannot be read becomes a diagnostic naming it, never an exception.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { errorDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { CONFIG_CODES } from './codes.js';

export const DEFAULT_CONFIG_FILE = 'kmsctl.yaml';
const CONFIG_EXTENSIONS = ['.yaml', '.yml'];

export interface ConfigFileText {
  /** As the user gave it, or joined to the directory as given. */
  path: string;
  text: string;
}

export async function readConfigFiles(
  paths: readonly string[],
  cwd: string,
): Promise<{ files: ConfigFileText[]; diagnostics: Diagnostic[] }> {
  const given = paths.length > 0 ? paths : [DEFAULT_CONFIG_FILE];
  const diagnostics: Diagnostic[] = [];
  const files: ConfigFileText[] = [];
  const seen = new Set<string>();

  const readOne = async (path: string): Promise<void> => {
    const absolute = resolve(cwd, path);
    const identity = await realpath(absolute).catch(() => absolute);
    if (seen.has(identity)) return;
    seen.add(identity);
    try {
      files.push({ path, text: await readFile(absolute, 'utf8') });
    } catch (error) {
      diagnostics.push(unreadable(path, error, paths.length === 0));
    }
  };

  for (const path of given) {
    const absolute = resolve(cwd, path);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      diagnostics.push(unreadable(path, error, paths.length === 0, cwd));
      continue;
    }
    if (info.isDirectory()) {
      let names: string[];
      try {
        names = await configFilesIn(absolute);
      } catch (error) {
        diagnostics.push(unreadable(path, error, false));
        continue;
      }
      if (names.length === 0) {
        diagnostics.push(
          errorDiagnostic(CONFIG_CODES.noConfigFiles, `the directory ${JSON.stringify(path)} holds no *.yaml or *.yml files`, fileOnly(path), 'subdirectories are not read'),
        );
      }
      for (const name of names) await readOne(join(path, name));
    } else if (info.isFile()) {
      await readOne(path);
    } else {
      diagnostics.push(errorDiagnostic(CONFIG_CODES.fileUnreadable, `cannot read ${JSON.stringify(path)}: not a regular file or directory`, fileOnly(path)));
    }
  }
  return { files, diagnostics };
}

/** The config files directly in a directory, sorted by name (code-point order, the same everywhere). */
async function configFilesIn(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !CONFIG_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) continue;
    const isFile = entry.isFile() || (entry.isSymbolicLink() && (await stat(join(directory, entry.name)).then((s) => s.isFile(), () => false)));
    if (isFile) names.push(entry.name);
  }
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A position-less location: the formatter shows the path alone (its text is not in the sources). */
function fileOnly(path: string) {
  return { file: path, start: 0, end: 0 };
}

function unreadable(path: string, error: unknown, isDefault: boolean, cwd?: string): Diagnostic {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return errorDiagnostic(
      CONFIG_CODES.fileNotFound,
      `cannot find ${JSON.stringify(path)}`,
      fileOnly(path),
      isDefault ? `no ${DEFAULT_CONFIG_FILE} in ${cwd ?? 'the current directory'}; pass a file or directory with -f` : undefined,
    );
  }
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : ((error as Error | undefined)?.message ?? String(error));
  return errorDiagnostic(CONFIG_CODES.fileUnreadable, `cannot read ${JSON.stringify(path)}: ${reason}`, fileOnly(path));
}
