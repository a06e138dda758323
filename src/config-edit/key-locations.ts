/**
 * Which file declares each key, and whether the key lists its versions: all pinning needs to know
 * of a config. Read from the files alone (no schema, no regions), so `apply --pin` of a saved plan
 * works in an environment that could not resolve the config's regions.
 */
import type { DesiredState } from '../config/desired-state.js';
import { parseConfigYaml } from '../config/parse-yaml.js';
import { readConfigFiles } from '../config/read-config-files.js';
import { mappingKeys } from '../config/yaml-locate.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFiles } from '../diagnostics/source-files.js';

export interface KeyLocation {
  file: string;
  /** True when the key has a non-empty `versions` list. */
  listsVersions: boolean;
}

export interface KeyLocations {
  /** The config files, in the order read. */
  files: readonly string[];
  keys: ReadonlyMap<string, KeyLocation>;
}

export function keyLocationsOf(desired: DesiredState): KeyLocations {
  const keys = new Map<string, KeyLocation>();
  for (const key of desired.keys) {
    if (key.source) keys.set(key.name, { file: key.source.file, listsVersions: key.versions.length > 0 });
  }
  return { files: desired.files, keys };
}

export async function readKeyLocations(paths: readonly string[], cwd: string): Promise<{ value: KeyLocations; diagnostics: Diagnostic[]; sources: SourceFiles }> {
  const read = await readConfigFiles(paths, cwd);
  const diagnostics = [...read.diagnostics];
  const sources = new Map<string, string>();
  const keys = new Map<string, KeyLocation>();
  for (const file of read.files) {
    sources.set(file.path, file.text);
    const parsed = parseConfigYaml(file.path, file.text);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.value) continue;
    const value = parsed.value.value as { keys?: Record<string, { versions?: unknown }> };
    for (const name of mappingKeys(parsed.value.document, ['keys'])) {
      if (keys.has(name)) continue;
      const versions = value.keys?.[name]?.versions;
      keys.set(name, { file: file.path, listsVersions: Array.isArray(versions) && versions.length > 0 });
    }
  }
  return { value: { files: read.files.map((f) => f.path), keys }, diagnostics, sources };
}
