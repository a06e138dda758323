/**
 * With --json, stdout holds exactly one JSON document that follows its schema in schemas/, whether the
 * run succeeds or fails (a bad flag, config errors, refused credentials, a bad or stale plan file, no
 * approval): each kind of failure is run here through the built CLI and validated.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_OUTCOMES } from '../../src/apply/apply-report.js';
import { PLAN_ACTIONS } from '../../src/plan/types.js';
import { JSON_FORMAT_VERSION } from '../../src/render/json-format.js';
import { loadSchema, outputSchemaValidator, OUTPUT_SCHEMAS } from '../../src/schemas.js';
import { parseJson, startWorld, type E2eWorld } from './e2e-harness.js';
import type { KmsctlRun } from './run-kmsctl.js';

const V1 = '0b6a39d1-0000-4000-8000-00000000c001';
type Schema = (typeof OUTPUT_SCHEMAS)[number];
const validators = new Map<string, ValidateFunction>();

async function expectValid(name: Schema, document: unknown): Promise<void> {
  let validate = validators.get(name);
  if (!validate) {
    validate = await outputSchemaValidator(name, { strict: true });
    validators.set(name, validate);
  }
  const ok = validate(document);
  expect(ok ? [] : validate.errors, `${name}: ${JSON.stringify(document, null, 2).slice(0, 2000)}`).toEqual([]);
}

/** Every field name of a document, at every depth. */
function fieldNames(value: unknown, names: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) fieldNames(item, names);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) (names.push(k), fieldNames(v, names));
  return names;
}

/** The one document on stdout of a failed run: the failure document, valid against the command's schema. */
async function expectFailure(run: KmsctlRun, schema: Schema, code: string, exitCode = 1): Promise<Record<string, unknown> & { error: { code: string; request_id: string | null }; diagnostics: { code: string }[] }> {
  expect(run.exitCode, run.stderr).toBe(exitCode);
  const doc = parseJson<Record<string, unknown> & { error: { code: string; request_id: string | null }; diagnostics: { code: string }[] }>(run);
  await expectValid(schema, doc);
  await expectValid('error.schema.json', doc);
  expect(doc.error.code).toBe(code);
  return doc;
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

  it('plan --json follows plan.schema.json, in snake_case, with one count per key', async () => {
    const run = await world.kmsctl(['plan', '--json']);
    expect(run.exitCode).toBe(1);
    const plan = parseJson<{ keys: { action: string }[]; summary: Record<string, number> }>(run);
    expect(new Set(plan.keys.map((k) => k.action))).toEqual(new Set(['create', 'deferred', 'error']));
    await expectValid('plan.schema.json', plan);
    for (const name of fieldNames(plan)) expect(name).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
    const { create = 0, deferred = 0, error = 0, no_op = 0 } = plan.summary;
    expect(create + deferred + error + no_op).toBe(plan.keys.length);
  });

  it('plan --json writes one failure document for a bad flag, a flag without its value, config errors and refused credentials', async () => {
    await expectFailure(await world.kmsctl(['plan', '--json', '--parallelism', 'lots']), 'plan.schema.json', 'cli.bad-flag-value');
    await expectFailure(await world.kmsctl(['plan', '--json', '--detailed-exitcodes']), 'plan.schema.json', 'cli.unknown-flag');
    await expectFailure(await world.kmsctl(['plan', '--json', '-f']), 'plan.schema.json', 'cli.missing-flag-value');
    const config = await expectFailure(await world.kmsctl(['plan', '--json', '-f', 'invalid.yaml']), 'plan.schema.json', 'config.invalid');
    expect(config.diagnostics.length).toBeGreaterThan(1);
    expect(config.diagnostics.every((d) => d.code.startsWith('config.'))).toBe(true);
    const refused = await expectFailure(await world.kmsctl(['plan', '--json'], { env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'wrong-secret' } }), 'plan.schema.json', 'kms.api-error');
    expect(refused.error).toMatchObject({ api_code: 'SignatureDoesNotMatch', request_id: expect.stringMatching(/^[0-9A-F-]{36}$/) });
    expect((refused.error as unknown as { detail: string }).detail).toContain('secret');
  });

  it('apply --json follows apply.schema.json', async () => {
    const run = await world.kmsctl(['apply', '--auto-approve', '--json']);
    expect(run.exitCode).toBe(1);
    const report = parseJson<{ results: { outcome: string }[] }>(run);
    expect(new Set(report.results.map((r) => r.outcome))).toEqual(new Set(['created', 'deferred', 'failed']));
    await expectValid('apply.schema.json', report);
    for (const name of fieldNames(report)) expect(name).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
  });

  it('apply --json writes one failure document for a bad plan file, a config instead of a plan, a stale plan and no approval', async () => {
    await writeFile(join(world.dir, 'garbled.plan'), '{"format": "kmsctl-plan", "format_ver');
    await expectFailure(await world.kmsctl(['apply', 'garbled.plan', '--json']), 'apply.schema.json', 'plan-file.not-json');
    await expectFailure(await world.kmsctl(['apply', 'kmsctl.yaml', '--json']), 'apply.schema.json', 'plan-file.foreign');
    await world.advanceClock('8d');
    await expectFailure(await world.kmsctl(['apply', '--json']), 'apply.schema.json', 'apply.needs-approval');
    expect((await world.kmsctl(['plan', '--target', 'recent', '--out', 'stale.plan'])).exitCode).toBe(0);
    await world.clients.forRegion('cn-hangzhou').createKeyVersion('alias/e2e-json-recent');
    const stale = await expectFailure(await world.kmsctl(['apply', 'stale.plan', '--json']), 'apply.schema.json', 'plan-file.stale');
    expect(stale.diagnostics.map((d) => d.code)).toEqual(['plan-file.stale']);
  });

  it('show --json follows show.schema.json, for found and missing keys, and fails as one document', async () => {
    const run = await world.kmsctl(['show', '--json']);
    expect(run.exitCode).toBe(1);
    const shown = parseJson<{ keys: { found: boolean }[] }>(run);
    expect(shown.keys.map((k) => k.found)).toEqual([true, true, false, true]);
    await expectValid('show.schema.json', shown);
    await expectFailure(await world.kmsctl(['show', '--json', '-f', 'invalid.yaml']), 'show.schema.json', 'config.invalid');
    await expectFailure(await world.kmsctl(['show', '--json', '--target', 'signin']), 'show.schema.json', 'cli.unknown-target');
  });

  it('validate --json follows validate.schema.json, valid or not, and a bad flag is a failure document', async () => {
    const valid = await world.kmsctl(['validate', '--json']);
    expect(valid.exitCode).toBe(0);
    await expectValid('validate.schema.json', parseJson(valid));
    const invalid = await world.kmsctl(['validate', '--json', '-f', 'invalid.yaml', '-f', 'absent.yaml']);
    expect(invalid.exitCode).toBe(1);
    const document = parseJson<{ diagnostics: unknown[] }>(invalid);
    expect(document.diagnostics.length).toBeGreaterThan(2);
    await expectValid('validate.schema.json', document);
    await expectFailure(await world.kmsctl(['validate', '--json', '--region', 'not a region']), 'validate.schema.json', 'cli.bad-flag-value');
  });

  it('doctor --json with a bad flag is a failure document', async () => {
    await expectFailure(await world.kmsctl(['doctor', '--json', '--parallelism', '0']), 'doctor.schema.json', 'cli.bad-flag-value');
  });

  it('the schemas list the same enums as the code', async () => {
    const apply = (await loadSchema('apply.schema.json')) as { definitions: { result: { properties: { planned: { enum: string[] }; outcome: { enum: string[] } } } } };
    expect(apply.definitions.result.properties.outcome.enum).toEqual([...KEY_OUTCOMES]);
    expect(apply.definitions.result.properties.planned.enum).toEqual([...PLAN_ACTIONS]);
  });

  it('every document and the saved plan have the one format_version of the code', async () => {
    for (const name of OUTPUT_SCHEMAS) {
      const schema = (await loadSchema(name)) as { properties?: { format_version?: { const: string } }; definitions?: Record<string, { properties?: { format_version?: { const: string } } }> };
      const versions = [schema.properties?.format_version?.const, ...Object.values(schema.definitions ?? {}).map((d) => d.properties?.format_version?.const)].filter((v) => v !== undefined);
      expect(versions, name).toEqual([JSON_FORMAT_VERSION]);
    }
  });
});
