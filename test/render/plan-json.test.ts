import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAN_ACTIONS } from '../../src/plan/types.js';
import { planJsonText, planToJson } from '../../src/render/plan-json.js';
import { JSON_FORMAT_VERSION } from '../../src/render/json-format.js';
import { emptyPlan, mixedPlan, planWorld, worldArb } from '../builders/index.js';

const schemaOf = (name: string) => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ strict: true, allErrors: true });
for (const name of ['error.schema.json', 'validate.schema.json']) ajv.addSchema(schemaOf(name), name);
const validate = ajv.compile(schemaOf('plan.schema.json'));

function expectValid(document: unknown): void {
  const ok = validate(JSON.parse(JSON.stringify(document)));
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('planToJson', () => {
  it('validates against schemas/plan.schema.json for a plan with every action', () => {
    const json = planToJson(mixedPlan(), { kmsctlVersion: '0.1.0' });
    expect(new Set(json.keys.map((k) => k.action))).toEqual(new Set(PLAN_ACTIONS));
    expectValid(json);
  });

  it('validates for an empty plan', () => {
    expectValid(planToJson(emptyPlan(), { kmsctlVersion: '0.1.0' }));
  });

  it('validates for any planned world', () => {
    fc.assert(
      fc.property(worldArb, (world) => expectValid(planToJson(planWorld(world), { kmsctlVersion: '0.1.0' }))),
      { numRuns: 200 },
    );
  });

  it('names every field in snake_case, at every depth', () => {
    const names: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) (names.push(k), walk(v));
    };
    walk(planToJson(mixedPlan(), { kmsctlVersion: '0.1.0' }));
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it('writes the envelope, the summary and each action’s fields, with null for absent values', () => {
    const json = planToJson(mixedPlan(), { kmsctlVersion: '9.9.9' });
    expect(json).toMatchObject({
      format_version: JSON_FORMAT_VERSION,
      kmsctl_version: '9.9.9',
      created_at: '2026-01-11T00:00:00Z',
      summary: { create: 1, deferred: 1, error: 3, no_op: 1, drift: 3 },
    });
    expect(json.keys[0]).toMatchObject({
      name: 'payments-signing',
      key_id: 'key-pay',
      action: 'create',
      create: { cause: 'declared', entry: 1, label: '2026-a' },
      remaining: 1,
      next_earliest: '2026-01-18T00:00:00Z',
    });
    expect(json.keys[1]).toMatchObject({ action: 'deferred', earliest: '2026-01-14T00:00:00Z', wanted: 1 });
    expect(json.keys[2]).toMatchObject({
      action: 'error',
      observed: null,
      error: { code: 'key.not-found', api_code: 'Forbidden.AliasNotFound', request_id: '7A3F-LEGACY' },
    });
    expect(json.keys[4]).toMatchObject({ action: 'no-op', drift: [{ version_id: '00000000-0000-4000-8000-000000000002' }, {}] });
    expect(JSON.stringify(json)).not.toContain('undefined');
  });

  it('is rejected by the schema when a field is unknown or an action lacks its fields', () => {
    const json = JSON.parse(JSON.stringify(planToJson(mixedPlan(), { kmsctlVersion: '0.1.0' }))) as { keys: Record<string, unknown>[] };
    const extra = structuredClone(json);
    extra.keys[0]!.surprise = true;
    expect(validate(extra)).toBe(false);
    const missing = structuredClone(json);
    delete missing.keys[1]!.earliest;
    expect(validate(missing)).toBe(false);
  });
});

describe('planJsonText', () => {
  it('writes, in pieces, exactly the text of the JSON document', () => {
    const meta = { kmsctlVersion: '9.9.9' };
    const many = mixedPlan();
    const big = { ...many, keys: Array.from({ length: 400 }, (_, i) => many.keys[i % many.keys.length]!) };
    for (const plan of [mixedPlan(), emptyPlan(), big]) {
      const pieces = [...planJsonText(plan, meta)];
      expect(pieces.join('')).toBe(`${JSON.stringify(planToJson(plan, meta), null, 2)}\n`);
      if (plan === big) expect(pieces.length).toBeGreaterThan(1);
    }
  });

  it('puts the keys in their place when a message itself reads like the keys field', () => {
    const problem = { account: 'a', region: 'cn-hangzhou', code: 'x', message: '\n  "keys": [', roleArn: undefined, stsCode: undefined, requestId: undefined };
    const meta = { kmsctlVersion: '9.9.9', problems: [problem] };
    const text = [...planJsonText(mixedPlan(), meta)].join('');
    expect(text).toBe(`${JSON.stringify(planToJson(mixedPlan(), meta), null, 2)}\n`);
  });
});
