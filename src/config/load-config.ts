/**
 * Loads a config (one file, several, directories of them, or standard input) into the DesiredState the
 * planner reads. Never throws for a user mistake: everything wrong comes back as diagnostics, with the
 * file texts so they can be formatted. Steps: read (sizes bounded) → parse YAML → schema (per file) →
 * rules on every well-formed part, accounts and names merged across files, regions resolved → the
 * desired state. At most DIAGNOSTICS_SHOWN diagnostics are returned, the rest summarised.
 */
import { capDiagnostics } from '../diagnostics/cap-diagnostics.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFiles } from '../diagnostics/source-files.js';
import { checkFile, type Parser } from './check-file.js';
import { CONFIG_CODES } from './codes.js';
import type { CheckedFile } from './config-locator.js';
import type { DesiredState } from './desired-state.js';
import { desiredFromFiles } from './desired-from-files.js';
import { readConfigFiles, type ConfigFileText, type ReadOptions } from './read-config-files.js';

export interface LoadConfigOptions {
  /** Files and directories as given with `-f` (`-` for standard input); empty means kmsctl.yaml, or kmsctl.yml, in `cwd`. */
  files: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  /** The CLI's `--region`: beats every region in the files and the environment. */
  regionFlag?: string | undefined;
  /** The Alibaba Cloud CLI profile's `region_id`: the last fallback, after ALIBABA_CLOUD_REGION_ID. */
  profileRegion?: string | undefined;
  /** The config text of `-f -` and the name messages give it (read with readConfigStream). */
  stdin?: ReadOptions['stdin'];
}

export interface LoadedConfig {
  /** Undefined when any diagnostic is an error. */
  value: DesiredState | undefined;
  /** In file order; at most DIAGNOSTICS_SHOWN, then one that says how many more there were. */
  diagnostics: Diagnostic[];
  /** The text of every file read, for formatting the diagnostics. */
  sources: SourceFiles;
  /** How many errors and warnings there were in all, before the cap. */
  counts: { errors: number; warnings: number };
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const read = await readConfigFiles(options.files, options.cwd, { stdin: options.stdin });
  // The fast reader answers every range it can; when a diagnostic needed one it cannot place exactly,
  // the same files are read again with yaml, which places everything.
  const fast = await loadFiles(options, read, 'fast');
  const { diagnostics, value } = fast.exact ? fast : await loadFiles(options, read, 'yaml');
  const capped = capDiagnostics(orderDiagnostics(diagnostics, read.files.map((f) => f.path)), CONFIG_CODES.moreDiagnostics);
  return { value, diagnostics: capped.diagnostics, sources: new Map(read.files.map((f) => [f.path, f.text])), counts: { errors: capped.errors, warnings: capped.warnings } };
}

/** The steps over files already read; `exact` is false when a fast read was asked for a range it could not place. */
async function loadFiles(
  options: LoadConfigOptions,
  read: { files: ConfigFileText[]; diagnostics: Diagnostic[] },
  parser: Parser,
): Promise<{ value: DesiredState | undefined; diagnostics: Diagnostic[]; exact: boolean }> {
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  const checked: CheckedFile[] = [];
  const misses: (() => boolean)[] = [];
  for (const file of read.files) {
    const result = await checkFile(file.path, file.text, parser);
    diagnostics.push(...result.diagnostics);
    misses.push(result.missed);
    if (result.value) checked.push(result.value);
  }
  const desired = desiredFromFiles(checked, read.files.map((f) => f.path), options, hasErrors(diagnostics));
  diagnostics.push(...desired.diagnostics);
  const exact = !misses.some((missed) => missed());
  return { value: hasErrors(diagnostics) ? undefined : desired.value, diagnostics, exact };
}

/** Position-less first, then by file in the order read and by offset; stable otherwise. */
function orderDiagnostics(diagnostics: Diagnostic[], files: string[]): Diagnostic[] {
  const rank = (d: Diagnostic): [number, number] => {
    if (!d.source) return [-1, 0];
    const index = files.indexOf(d.source.file);
    return [index === -1 ? -1 : index, d.source.start];
  };
  return diagnostics
    .map((d, i) => ({ d, i, r: rank(d) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i)
    .map((x) => x.d);
}
