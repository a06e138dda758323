/**
 * Checks fault rules: the JSON Schema (schemas/faults.schema.json) for structure, then what each
 * effect needs. Every problem names the field, e.g. `rules[0].probability must be <= 1`, so a 400 from
 * `POST /_emulator/faults` or a refused `--faults` file says exactly what to fix.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { schemaPath } from '../../schemas.js';
import { ACTION_NAMES } from '../actions/index.js';
import type { FaultConfig, FaultEffect } from './fault-types.js';

/** Fault rules that cannot be used: `field` is the path of the first bad field (`rules[0].ms`). */
export class FaultConfigError extends Error {
  override readonly name = 'FaultConfigError';
  constructor(
    readonly field: string,
    readonly problems: string[],
    readonly source = 'the fault rules',
  ) {
    super(`Invalid ${source}: ${problems.join('; ')}`);
  }
}

/** Which optional fields each effect takes, and which it needs. */
const EFFECT_FIELDS: Record<FaultEffect, { required: string[]; allowed: string[] }> = {
  error: { required: ['status', 'code'], allowed: ['status', 'code', 'message'] },
  delay: { required: ['ms'], allowed: ['ms'] },
  reset: { required: [], allowed: [] },
  'drop-after-commit': { required: [], allowed: [] },
};
const EFFECT_ONLY_FIELDS = ['status', 'code', 'message', 'ms'];

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(JSON.parse(readFileSync(schemaPath('faults.schema.json'), 'utf8')) as object);
  return compiled;
}

/** The rules in `input`, checked; throws FaultConfigError naming the bad field. */
export function parseFaultConfig(input: unknown, source?: string): FaultConfig {
  const validate = validator();
  const problems: { field: string; message: string }[] = [];
  if (!validate(input)) {
    // The effect-specific `allOf` of the schema is for editors; the checks below say the same more clearly.
    const errors = (validate.errors ?? []).filter((e) => !e.schemaPath.includes('/allOf/') && e.keyword !== 'if');
    for (const error of errors) problems.push(describe(error));
  }
  const rules = (input as { rules?: unknown } | null)?.rules;
  if (Array.isArray(rules)) {
    rules.forEach((rule: unknown, index) => {
      if (typeof rule !== 'object' || rule === null) return;
      const fields = rule as Record<string, unknown>;
      const effect = fields['effect'];
      if (typeof effect !== 'string' || !Object.hasOwn(EFFECT_FIELDS, effect)) return;
      const { required, allowed } = EFFECT_FIELDS[effect as FaultEffect];
      for (const name of required) {
        if (fields[name] === undefined) problems.push({ field: `rules[${index}].${name}`, message: `rules[${index}].${name} is required with effect "${effect}"` });
      }
      for (const name of EFFECT_ONLY_FIELDS) {
        if (fields[name] !== undefined && !allowed.includes(name)) {
          problems.push({ field: `rules[${index}].${name}`, message: `rules[${index}].${name} does not go with effect "${effect}"` });
        }
      }
    });
  }
  if (problems.length > 0) {
    const unique = [...new Map(problems.map((p) => [p.message, p])).values()];
    throw new FaultConfigError(unique[0]?.field ?? '', unique.map((p) => p.message), source);
  }
  return structuredClone(input as FaultConfig);
}

function describe(error: ErrorObject): { field: string; message: string } {
  const steps = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') steps.push(String(error.params['additionalProperty']));
  if (error.keyword === 'required') steps.push(String(error.params['missingProperty']));
  const field = steps.map((step, i) => (/^\d+$/.test(step) ? `[${step}]` : i === 0 ? step : `.${step}`)).join('') || '(the document)';
  switch (error.keyword) {
    case 'additionalProperties':
      return { field, message: `${field} is not a field of ${steps.length > 1 ? 'a fault rule' : 'the fault rules'}` };
    case 'required':
      return { field, message: `${field} is required` };
    case 'enum': {
      const allowed = (error.params['allowedValues'] as unknown[]).map(String);
      const hint = field.endsWith('.action') ? didYouMean(String(valueAt(error)), [...ACTION_NAMES]) : undefined;
      return { field, message: `${field} must be one of ${allowed.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}` };
    }
    default:
      return { field, message: `${field} ${error.message ?? 'is invalid'}` };
  }
}

function valueAt(error: ErrorObject): unknown {
  return (error as ErrorObject & { data?: unknown }).data;
}
