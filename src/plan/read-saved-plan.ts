/**
 * Reads and checks a saved plan file. Every way a file can be wrong (missing, unreadable, not JSON,
 * another tool's JSON, a newer format, a structure that does not match, a checksum that does not
 * match) is a diagnostic naming the file, never an exception.
 */
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { errorDiagnostic, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import { loadSchema } from '../schemas.js';
import { planChecksum, SAVED_PLAN_FORMAT, SAVED_PLAN_FORMAT_VERSION, type SavedPlan } from './saved-plan.js';

/** Reads the plan at `file`; messages name it as `shownAs` (the path as the user wrote it). */
export async function readSavedPlan(file: string, shownAs: string = file): Promise<Result<SavedPlan>> {
  const path = shownAs;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return fail('plan-file.unreadable', `cannot read plan file ${path}: ${reason}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail('plan-file.not-json', `plan file ${path} is not valid JSON (${(error as Error).message}); it may be truncated or garbled. Make a new one with "kmsctl plan --out".`);
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== SAVED_PLAN_FORMAT) {
    return fail('plan-file.foreign', `${path} is not a kmsctl plan file (no "format": "${SAVED_PLAN_FORMAT}")`);
  }
  const version = (data as { format_version?: unknown }).format_version;
  if (version !== SAVED_PLAN_FORMAT_VERSION) {
    return fail('plan-file.version', `plan file ${path} has format version ${JSON.stringify(version)}; this kmsctl reads version ${SAVED_PLAN_FORMAT_VERSION}. Make the plan again with this kmsctl.`);
  }
  const schemaErrors = await checkStructure(data);
  if (schemaErrors.length > 0) {
    return fail('plan-file.invalid', `plan file ${path} does not have the structure of a kmsctl plan: ${schemaErrors.slice(0, 3).join('; ')}`);
  }
  const saved = data as SavedPlan;
  if (planChecksum(saved.plan) !== saved.checksum) {
    return fail('plan-file.checksum', `plan file ${path} was changed after it was written (checksum mismatch); make a new plan with "kmsctl plan --out"`);
  }
  return { value: saved, diagnostics: [] };
}

async function checkStructure(data: unknown): Promise<string[]> {
  // No format checks: ajv has no date-time format built in, and would warn on stderr that it ignores it.
  const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: false });
  const validate = ajv.compile(await loadSchema('saved-plan.schema.json'));
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

function fail(code: string, summary: string): Result<SavedPlan> {
  const diagnostic: Diagnostic = errorDiagnostic(code, summary);
  return { value: undefined, diagnostics: [diagnostic] };
}
