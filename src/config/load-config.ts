/**
 * Loads a config (one file, several, or directories of them) into the DesiredState the planner reads.
 * Never throws for a user mistake: everything wrong comes back as diagnostics, with the file texts so
 * they can be formatted. Steps: read → parse YAML → schema (per file) → merge names across files →
 * rules (per key) → regions → normalise → cross-key rules. A plain file the schema accepts is parsed
 * by the fast parser; any other file by yaml, which places every diagnostic (parseAndCheckSchema).
 */
import { errorDiagnostic, hasErrors, warningDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFiles } from '../diagnostics/source-files.js';
import { CONFIG_CODES } from './codes.js';
import type { DesiredKey, DesiredState } from './desired-state.js';
import { quote } from './describe-path.js';
import { normaliseKey } from './normalise.js';
import { readConfigFiles } from './read-config-files.js';
import { REGION_ENV, regionInputs, resolveRegion } from './resolve-region.js';
import { KEY_RULES, keyRuleContext, uniqueKeyNames, uniqueKeyTargets, type KeyRuleContext } from './rules/index.js';
import type { NamedEntry } from './rules/unique-key-names.js';
import type { TargetEntry } from './rules/unique-key-targets.js';
import type { CheckedFile } from './config-locator.js';
import { configValidator } from './config-validator.js';
import { ExactRangesNeeded, fastParseConfig } from './fast-config-yaml.js';
import type { WrittenConfig, WrittenKey } from './written-config.js';

export interface LoadConfigOptions {
  /** Files and directories as given with `-f`; empty means `kmsctl.yaml` in `cwd`. */
  files: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  /** The CLI's `--region`: beats every region in the files and the environment. */
  regionOverride?: string | undefined;
  /** The Alibaba Cloud CLI profile's `region_id`: the last fallback, after ALIBABA_CLOUD_REGION_ID. */
  profileRegion?: string | undefined;
}

export interface LoadedConfig {
  /** Undefined when any diagnostic is an error. */
  value: DesiredState | undefined;
  diagnostics: Diagnostic[];
  /** The text of every file read, for formatting the diagnostics. */
  sources: SourceFiles;
}

/** A key entry that passed the schema, ready for the rules. */
interface Candidate extends NamedEntry {
  context: KeyRuleContext;
  defaultRegion: string | undefined;
  defaultsValid: boolean;
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const read = await readConfigFiles(options.files, options.cwd);
  try {
    return await loadFiles(options, read, true);
  } catch (error) {
    if (!(error instanceof ExactRangesNeeded)) throw error;
    return loadFiles(options, read, false);
  }
}

/** The steps over files already read; `fast` lets the fast parser read the files it vouches for. */
async function loadFiles(options: LoadConfigOptions, read: Awaited<ReturnType<typeof readConfigFiles>>, fast: boolean): Promise<LoadedConfig> {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  diagnostics.push(...read.diagnostics);

  const names: NamedEntry[] = [];
  const candidates: Candidate[] = [];
  for (const file of read.files) {
    sources.set(file.path, file.text);
    const parsed = await parseAndCheckSchema(file.path, file.text, fast);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.value) continue;
    const { schema, locator } = parsed.value;
    const config = parsed.value.value as Partial<WrittenConfig>;
    const keys = isPlainObject(config.keys) ? (config.keys as Record<string, unknown>) : {};
    const defaultRegion = schema.defaultsValid ? config.defaults?.region : undefined;
    for (const name of locator.mappingKeys(['keys']).filter((n) => Object.hasOwn(keys, n))) {
      const nameRange = locator.keyRange(['keys', name]);
      const entry: NamedEntry = { name, file: file.path, nameRange };
      names.push(entry);
      if (!schema.usable || schema.invalidKeys.has(name)) continue;
      const context = keyRuleContext(locator, file.path, name, keys[name] as WrittenKey);
      candidates.push({ ...entry, context, defaultRegion, defaultsValid: schema.defaultsValid });
    }
  }

  const unique = uniqueKeyNames(names);
  diagnostics.push(...unique.diagnostics);
  const repeated = new Set([...unique.repeats].map((e) => `${e.file}\u0000${e.name}`));

  const region = regionInputs(options.regionOverride, options.env, options.profileRegion);
  diagnostics.push(...region.diagnostics);
  let environmentReported = false;
  let profileReported = false;

  const keys: DesiredKey[] = [];
  const targets: TargetEntry[] = [];
  for (const candidate of candidates) {
    if (repeated.has(`${candidate.file}\u0000${candidate.name}`)) continue;
    const { context } = candidate;
    const ruleDiagnostics = KEY_RULES.flatMap((rule) => rule(context));
    diagnostics.push(...ruleDiagnostics);

    const resolved = resolveRegion(context.key.region, candidate.defaultRegion, region.inputs);
    if (resolved?.origin === 'environment' && region.environmentProblem) {
      if (!environmentReported) diagnostics.push(region.environmentProblem);
      environmentReported = true;
      continue;
    }
    if (resolved?.origin === 'profile' && region.profileProblem) {
      if (!profileReported) diagnostics.push(region.profileProblem);
      profileReported = true;
      continue;
    }
    if (!resolved) {
      if (candidate.defaultsValid && region.diagnostics.length === 0) diagnostics.push(regionMissing(context));
      continue;
    }
    targets.push({ name: candidate.name, keyId: context.key.keyId, region: resolved.region, keyIdRange: context.valueRange(['keyId']) });
    if (!hasErrors(ruleDiagnostics)) keys.push(normaliseKey(context, resolved.region));
  }
  diagnostics.push(...uniqueKeyTargets(targets));

  if (names.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(warningDiagnostic(CONFIG_CODES.noKeys, 'the config declares no keys', undefined, `files read: ${read.files.map((f) => f.path).join(', ')}`));
  }

  const ordered = orderDiagnostics(diagnostics, read.files.map((f) => f.path));
  const value = hasErrors(ordered) ? undefined : { keys, accounts: new Map(), files: read.files.map((f) => f.path) };
  return { value, diagnostics: ordered, sources };
}

/**
 * One file parsed and checked against the schema. A plain file the schema accepts is read by the fast
 * parser (fast-config-yaml.ts); every other file is read by yaml, whose document places each diagnostic.
 */
async function parseAndCheckSchema(path: string, text: string, fast: boolean): Promise<{ value: CheckedFile | undefined; diagnostics: Diagnostic[] }> {
  const parsed = fast ? fastParseConfig(path, text) : undefined;
  if (parsed && (await configValidator())(parsed.value)) {
    return { value: { value: parsed.value, locator: parsed.locator, schema: { diagnostics: [], invalidKeys: new Set(), defaultsValid: true, usable: true } }, diagnostics: [] };
  }
  const { readWithYaml } = await import('./read-with-yaml.js');
  return readWithYaml(path, text);
}

function regionMissing(context: KeyRuleContext): Diagnostic {
  return errorDiagnostic(
    CONFIG_CODES.regionMissing,
    `key ${quote(context.name)} has no region`,
    context.nameRange(),
    `set "region" on the key or "defaults.region" in its file, or set ${REGION_ENV}, or pass --region (or set region_id in the Alibaba Cloud CLI profile)`,
  );
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

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
