/**
 * The emulator's state on disk: one versioned JSON document, replaced atomically after every change
 * (a temp file in the same directory, fsync, rename, fsync of the directory), mode 0600. A file that
 * is not a regular file, is not JSON, is another program's, or breaks the model stops the start with an
 * error naming the file: a silent reset would lose keys a user was relying on. Such an error says what
 * is wrong and never quotes the file's bytes: `--state` may name (or link to) any file the user can
 * read, and its first bytes are no business of a terminal or a CI log. Version 2 holds accounts and instances;
 * a version-1 file is read into the base account (state-migration.ts) and written as version 2.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { displayText } from '../diagnostics/display-text.js';
import type { EmulatorState } from './model.js';
import { DEFAULT_UID } from './options.js';
import { readRegularFile } from './read-regular-file.js';
import { migrateFromVersion1, type StateV1 } from './state-migration.js';
import { STATE_FORMAT, STATE_VERSION, STATE_VERSION_1, stateFileSchema, stateFileSchemaV1 } from './state-schema.js';

export class StateFileError extends Error {
  override readonly name = 'StateFileError';
  constructor(
    readonly file: string,
    readonly problem: string,
    hint = 'It was left as it is; move it away or pass another --state file.',
  ) {
    // The path and the problem (which may name IDs read from the file) are shown with control characters escaped.
    super(`Cannot use the emulator state file ${displayText(file)}: ${displayText(problem)}. ${hint}`);
  }
}

const compiledValidators = new Map<number, ReturnType<Ajv['compile']>>();
/** Compiled on first use, not at import: every kmsctl command loads this module, few read a state file. */
function stateValidator(version: typeof STATE_VERSION | typeof STATE_VERSION_1): ReturnType<Ajv['compile']> {
  let validate = compiledValidators.get(version);
  if (validate === undefined) {
    validate = new Ajv({ allErrors: false, strict: false, validateFormats: false }).compile(version === STATE_VERSION ? stateFileSchema : stateFileSchemaV1);
    compiledValidators.set(version, validate);
  }
  return validate;
}

/**
 * The state in `file`, or undefined when the file does not exist yet. The keys of a version-1 file go
 * to `version1Account` (the base account the emulator starts with).
 */
export function readStateFile(file: string, version1Account: string = DEFAULT_UID): EmulatorState | undefined {
  const read = readRegularFile(file);
  if (read.status === 'missing') return undefined;
  if (read.status === 'refused') throw new StateFileError(file, `it ${read.problem}`);
  // JSON.parse's message quotes the text it choked on: only whether it parsed is kept.
  const document = parseJson(read.text);
  if (document === NOT_JSON) throw new StateFileError(file, 'it is not JSON, so not a kmsctl emulator state file');
  const header = (typeof document === 'object' && document !== null ? document : {}) as { format?: unknown; version?: unknown };
  if (header.format !== STATE_FORMAT) throw new StateFileError(file, `it is not a kmsctl emulator state file (no "format": "${STATE_FORMAT}")`);
  if (header.version !== STATE_VERSION && header.version !== STATE_VERSION_1) {
    throw new StateFileError(file, `it has ${versionShown(header.version)}; this kmsctl reads state format versions ${STATE_VERSION_1} and ${STATE_VERSION}`);
  }
  const validate = stateValidator(header.version);
  if (!validate(document)) {
    const first = validate.errors?.[0];
    throw new StateFileError(file, `it is damaged: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`);
  }
  const state = header.version === STATE_VERSION ? (document as unknown as EmulatorState) : migrateFromVersion1(document as unknown as StateV1, version1Account);
  const problem = consistencyProblem(state);
  if (problem) throw new StateFileError(file, `it is damaged: ${problem}`);
  const { baseAccount, accounts, instances, keys, aliases, clock } = state;
  return { baseAccount, accounts, instances, keys, aliases, clock };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** A version worth naming is a small whole number (a newer kmsctl's); anything else is only "unknown". */
function versionShown(version: unknown): string {
  if (version === undefined) return 'no state format version';
  return Number.isSafeInteger(version) && Math.abs(version as number) < 1e6 ? `state format version ${String(version)}` : 'an unknown state format version';
}

/** Replaces `file` atomically with the state; the file never holds a partial document. */
export function writeStateFile(file: string, state: EmulatorState): void {
  const document = { format: STATE_FORMAT, version: STATE_VERSION, savedAt: new Date().toISOString(), ...state };
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const directory = dirname(file);
  const temp = join(directory, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temp file is gone already.
    }
    throw error;
  }
  syncDirectory(directory);
}

/**
 * Removes the temp files of writers that were killed mid-write (`.<name>.<pid>.<hex>.tmp`). Call only
 * while holding the state file's lock: then no live emulator is writing one.
 */
export function removeStaleTempFiles(file: string): void {
  const prefix = `.${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^\d+\.[0-9a-f]{8}\.tmp$/.test(name.slice(prefix.length))) continue;
    try {
      unlinkSync(join(dirname(file), name));
    } catch {
      // Gone already, or not ours to remove: it is never read either way.
    }
  }
}

/** fsync of the directory makes the rename itself durable. */
function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function consistencyProblem(state: EmulatorState): string | undefined {
  const keys = new Map<string, { account: string; region: string }>();
  for (const key of state.keys) {
    if (keys.has(key.keyId)) return `the key ID ${key.keyId} appears twice`;
    keys.set(key.keyId, key);
  }
  const instances = new Set<string>();
  for (const instance of state.instances) {
    if (instances.has(instance.instanceId)) return `the instance ID ${instance.instanceId} appears twice`;
    instances.add(instance.instanceId);
  }
  const aliases = new Set<string>();
  for (const alias of state.aliases) {
    const key = keys.get(alias.keyId);
    if (key === undefined) return `the alias ${alias.aliasName} points to the missing key ${alias.keyId}`;
    if (key.account !== alias.account || key.region !== alias.region) return `the alias ${alias.aliasName} points to the key ${alias.keyId} of another account or region`;
    const id = `${alias.account}\n${alias.region}\n${alias.aliasName}`;
    if (aliases.has(id)) return `the alias ${alias.aliasName} appears twice in ${alias.region}`;
    aliases.add(id);
  }
  return undefined;
}
