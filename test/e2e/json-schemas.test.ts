import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_OUTCOMES } from '../../src/apply/apply-report.js';
import { PLAN_ACTIONS } from '../../src/plan/types.js';
import { parseJson, startWorld, type E2eWorld } from './e2e-harness.js';

const V1 = '0b6a39d1-0000-4000-8000-00000000c001';

function schema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<string, ValidateFunction>();

function expectValid(name: string, document: unknown): void {
  let validate = validators.get(name);
  if (!validate) {
    validate = ajv.compile(schema(name));
    validators.set(name, validate);
  }
  const ok = validate(document);
  expect(ok ? [] : validate.errors, `${name}: ${JSON.stringify(document, null, 2).slice(0, 2000)}`).toEqual([]);
}

/** One key of each kind, so that every shape of each document appears in a real run. */
const CONFIG = `version: 1
defaults:
  region: cn-hangzhou
keys:
  signing:
    keyId: alias/e2e-json-signing
    versions:
      - id: ${V1}
      - label: next
  recent:
    keyId: alias/e2e-json-recent
    versions:
      - label: first
      - label: second
  missing:
    keyId: alias/e2e-json-missing
    rotation:
      maxAge: 30d
  symmetric:
    keyId: alias/e2e-json-symmetric
    rotation:
      maxAge: 30d
`;

describe('--json output of real runs follows the schemas in schemas/', () => {
  let world: E2eWorld;

  beforeAll(async () => {
    world = await startWorld({
      region: 'cn-hangzhou',
      keys: [
        { id: 'key-e2e-json-signing1', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-40d', aliases: ['alias/e2e-json-signing'], versions: [{ id: V1 }] },
        { id: 'key-e2e-json-recent01', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-3d', aliases: ['alias/e2e-json-recent'] },
        { id: 'key-e2e-json-symmetri', spec: 'Aliyun_AES_256', usage: 'ENCRYPT/DECRYPT', creationDate: '-100d', aliases: ['alias/e2e-json-symmetric'] },
      ],
    });
    await world.writeConfig(CONFIG);
    await world.writeConfig('version: 1\nkeys:\n  bad name!:\n    keyId: 12\n    extra: true\n  dup:\n    keyId: alias/a\n    versions: [{ id: not-a-uuid }]\n', 'invalid.yaml');
  });
  afterAll(() => world.close());

  it('plan --json follows plan.schema.json', async () => {
    const run = await world.kmsctl(['plan', '--json']);
    expect(run.exitCode).toBe(1);
    const plan = parseJson<{ keys: { action: string }[] }>(run);
    expect(new Set(plan.keys.map((k) => k.action))).toEqual(new Set(['create', 'deferred', 'error']));
    expectValid('plan.schema.json', plan);
  });

  it('apply --json follows apply.schema.json', async () => {
    const run = await world.kmsctl(['apply', '--auto-approve', '--json']);
    expect(run.exitCode).toBe(1);
    const report = parseJson<{ results: { outcome: string }[] }>(run);
    expect(new Set(report.results.map((r) => r.outcome))).toEqual(new Set(['created', 'deferred', 'failed']));
    expectValid('apply.schema.json', report);
  });

  it('show --json follows show.schema.json, for found and missing keys', async () => {
    const run = await world.kmsctl(['show', '--json']);
    expect(run.exitCode).toBe(1);
    const shown = parseJson<{ keys: { found: boolean }[] }>(run);
    expect(shown.keys.map((k) => k.found)).toEqual([true, true, false, true]);
    expectValid('show.schema.json', shown);
  });

  it('validate --json follows validate.schema.json, valid or not', async () => {
    const valid = await world.kmsctl(['validate', '--json']);
    expect(valid.exitCode).toBe(0);
    expectValid('validate.schema.json', parseJson(valid));
    const invalid = await world.kmsctl(['validate', '--json', '-f', 'invalid.yaml', '-f', 'absent.yaml']);
    expect(invalid.exitCode).toBe(1);
    const document = parseJson<{ diagnostics: unknown[] }>(invalid);
    expect(document.diagnostics.length).toBeGreaterThan(2);
    expectValid('validate.schema.json', document);
  });

  it('the schemas list the same enums as the code', () => {
    const apply = schema('apply.schema.json') as { definitions: { result: { properties: { planned: { enum: string[] }; outcome: { enum: string[] } } } } };
    expect(apply.definitions.result.properties.outcome.enum).toEqual([...KEY_OUTCOMES]);
    expect(apply.definitions.result.properties.planned.enum).toEqual([...PLAN_ACTIONS]);
  });

  it('each JSON document has a format_version of major version 1', () => {
    for (const name of ['plan.schema.json', 'apply.schema.json', 'show.schema.json', 'validate.schema.json']) {
      const formatVersion = (schema(name) as { properties: { format_version: { const: string } } }).properties.format_version.const;
      expect(formatVersion, name).toMatch(/^1\.\d+$/);
    }
  });
});
