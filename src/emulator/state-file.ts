/**
 * The emulator's state on disk: one versioned JSON document, replaced atomically after every change
 * (a temp file in the same directory, fsync, rename, fsync of the directory), mode 0600. A file that
 * is not JSON, is another program's, or breaks the model stops the start with an error naming the
 * file: a silent reset would lose keys a user was relying on.
 */
import { closeSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import type { EmulatorState } from './model.js';
import { STATE_FORMAT, STATE_VERSION, stateFileSchema } from './state-schema.js';

export class StateFileError extends Error {
  override readonly name = 'StateFileError';
  constructor(
    readonly file: string,
    readonly problem: string,
    hint = 'It was left as it is; move it away or pass another --state file.',
  ) {
    super(`Cannot use the emulator state file ${file}: ${problem}. ${hint}`);
  }
}

let compiledValidator: ReturnType<Ajv['compile']> | undefined;
/** Compiled on first use, not at import: every kmsctl command loads this module, few read a state file. */
function stateValidator(): ReturnType<Ajv['compile']> {
  compiledValidator ??= new Ajv({ allErrors: false, strict: false, validateFormats: false }).compile(stateFileSchema);
  return compiledValidator;
}

/** The state in `file`, or undefined when the file does not exist yet. */
export function readStateFile(file: string): EmulatorState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(file, (error as Error).message);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(file, `it is not valid JSON (${(error as Error).message})`);
  }
  const header = (typeof document === 'object' && document !== null ? document : {}) as { format?: unknown; version?: unknown };
  if (header.format !== STATE_FORMAT) throw new StateFileError(file, `it is not a kmsctl emulator state file (no "format": "${STATE_FORMAT}")`);
  if (header.version !== STATE_VERSION) {
    throw new StateFileError(file, `it has state format version ${JSON.stringify(header.version)}; this kmsctl reads version ${STATE_VERSION}`);
  }
  const validate = stateValidator();
  if (!validate(document)) {
    const first = validate.errors?.[0];
    throw new StateFileError(file, `it is damaged: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`);
  }
  const state = document as unknown as EmulatorState;
  const problem = consistencyProblem(state);
  if (problem) throw new StateFileError(file, `it is damaged: ${problem}`);
  return { keys: state.keys, aliases: state.aliases, clock: state.clock };
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
  const ids = new Set<string>();
  for (const key of state.keys) {
    if (ids.has(key.keyId)) return `the key ID ${key.keyId} appears twice`;
    ids.add(key.keyId);
  }
  const aliases = new Set<string>();
  for (const alias of state.aliases) {
    if (!ids.has(alias.keyId)) return `the alias ${alias.aliasName} points to the missing key ${alias.keyId}`;
    const id = `${alias.region}\n${alias.aliasName}`;
    if (aliases.has(id)) return `the alias ${alias.aliasName} appears twice in ${alias.region}`;
    aliases.add(id);
  }
  return undefined;
}
