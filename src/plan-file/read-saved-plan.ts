/**
 * Reads and checks a saved plan file. Every way a file can be wrong (missing, a FIFO or device, too
 * large, not JSON, a kmsctl config or a `plan --json` document instead of a saved plan, another tool's
 * JSON, nested deeper than any plan, a format of another version, a structure that does not match, a
 * checksum that does not match) is a diagnostic naming the file, never an exception. Special files are
 * refused before a byte is read: a read from a FIFO could block for ever.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { errorDiagnostic, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import { PLAN_FILE_CODES } from './codes.js';
import type { PlanBodyJson } from '../render/plan-json.js';
import { planFromJson } from '../render/plan-json-decode.js';
import { outputSchemaValidator } from '../schemas.js';
import { accountFromJson, jsonDepth, SAVED_PLAN_FORMAT, SAVED_PLAN_FORMAT_VERSION, savedPlanChecksum, type SavedPlan, type SavedPlanFile } from './saved-plan.js';

/** Far above any plan (a 10,000-key plan is about 10 MB), far below what would strain memory. */
export const MAX_PLAN_FILE_BYTES = 256 * 1024 * 1024;
/** A saved plan nests 7 levels deep; anything much deeper is not one. */
const MAX_DEPTH = 32;
const MAKE_ONE = 'make a new one with "kmsctl plan --out FILE"';

/** Reads the plan at `file`; messages name it as `shownAs` (the path as the user wrote it). */
export async function readSavedPlan(file: string, shownAs: string = file): Promise<Result<SavedPlan>> {
  const path = shownAs;
  const read = await readRegularFile(file, path);
  if (read.text === undefined) return { value: undefined, diagnostics: [read.problem] };
  const text = read.text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    if (looksLikeConfig(text)) return fail(PLAN_FILE_CODES.planFileForeign, `${path} is a kmsctl config, not a saved plan`, `apply reads a config with -f (kmsctl apply -f ${path}), and a saved plan made by "kmsctl plan --out FILE"`);
    return fail(PLAN_FILE_CODES.planFileNotJson, `plan file ${path} is not valid JSON; it may be truncated or garbled`, MAKE_ONE);
  }
  const depth = jsonDepth(data, MAX_DEPTH);
  if (depth > MAX_DEPTH) return fail(PLAN_FILE_CODES.planFileForeign, `${path} is not a kmsctl plan: its values nest more than ${MAX_DEPTH} levels deep`, MAKE_ONE);
  if (!isObject(data) || data.format !== SAVED_PLAN_FORMAT) {
    if (isObject(data) && 'keys' in data && 'summary' in data && 'format_version' in data) {
      return fail(PLAN_FILE_CODES.planFileForeign, `${path} is the output of "kmsctl plan --json", not a saved plan`, 'apply takes a plan saved with "kmsctl plan --out FILE", which also records the endpoints and a checksum');
    }
    return fail(PLAN_FILE_CODES.planFileForeign, `${path} is not a kmsctl plan file (no "format": "${SAVED_PLAN_FORMAT}")`, MAKE_ONE);
  }
  const version = data.format_version;
  if (version !== SAVED_PLAN_FORMAT_VERSION) {
    return fail(PLAN_FILE_CODES.planFileVersion, `plan file ${path} has format version ${JSON.stringify(version)}; this kmsctl reads version ${JSON.stringify(SAVED_PLAN_FORMAT_VERSION)}`, `make the plan again with this kmsctl ("kmsctl plan --out FILE")`);
  }
  const schemaErrors = await checkStructure(data);
  if (schemaErrors.length > 0) return fail(PLAN_FILE_CODES.planFileInvalid, `plan file ${path} does not have the structure of a kmsctl plan: ${schemaErrors.slice(0, 3).join('; ')}`, MAKE_ONE);
  const saved = data as unknown as SavedPlanFile;
  if (savedPlanChecksum(data) !== saved.checksum) {
    return fail(PLAN_FILE_CODES.planFileChecksum, `plan file ${path} was changed after it was written (checksum mismatch)`, MAKE_ONE);
  }
  const accounts = Object.fromEntries(Object.entries(saved.accounts).map(([name, account]) => [name, accountFromJson(account)]));
  return { value: { plan: planFromJson(saved.plan as PlanBodyJson), endpoints: saved.endpoints, accounts, configFiles: saved.config_files, kmsctlVersion: saved.kmsctl_version }, diagnostics: [] };
}

/** The file's text, or why it cannot be a plan: opened without blocking, and refused unless a regular file. */
async function readRegularFile(file: string, path: string): Promise<{ text: string; problem?: undefined } | { text?: undefined; problem: Diagnostic }> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unknown error');
    return { problem: errorDiagnostic(PLAN_FILE_CODES.planFileUnreadable, `cannot read plan file ${path}: ${reason}`) };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { problem: errorDiagnostic(PLAN_FILE_CODES.planFileUnreadable, `cannot read plan file ${path}: it is a directory`) };
    if (!info.isFile()) return { problem: errorDiagnostic(PLAN_FILE_CODES.planFileNotAFile, `plan file ${path} is not a regular file (a FIFO, socket or device)`, undefined, 'save the plan to a file with "kmsctl plan --out FILE" and apply that file') };
    if (info.size > MAX_PLAN_FILE_BYTES) return { problem: errorDiagnostic(PLAN_FILE_CODES.planFileForeign, `${path} is not a kmsctl plan: it is ${info.size} bytes, over the ${MAX_PLAN_FILE_BYTES} a plan may be`) };
    return { text: await handle.readFile('utf8') };
  } catch (error) {
    return { problem: errorDiagnostic(PLAN_FILE_CODES.planFileUnreadable, `cannot read plan file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`) };
  } finally {
    await handle.close();
  }
}

/** A YAML config rather than JSON: a `version:` or `keys:` line at the start of a line. */
function looksLikeConfig(text: string): boolean {
  return /^(version|keys|defaults):/m.test(text.slice(0, 64 * 1024));
}

async function checkStructure(data: unknown): Promise<string[]> {
  const validate = await outputSchemaValidator('saved-plan.schema.json');
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(code: string, summary: string, detail?: string): Result<SavedPlan> {
  return { value: undefined, diagnostics: [errorDiagnostic(code, summary, undefined, detail)] };
}
