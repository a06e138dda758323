import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeWith, issueStsCredentials } from '../credentials/helpers.js';
import { parseJson, startWorld, type E2eWorld } from './e2e-harness.js';
import { DEMO_CREDENTIALS, runKmsctl } from './run-kmsctl.js';
import { JSON_FORMAT_VERSION } from '../../src/render/json-format.js';

const schemaOf = (name: string) => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ strict: true, allErrors: true });
for (const name of ['error.schema.json', 'validate.schema.json']) ajv.addSchema(schemaOf(name), name);
const validate = ajv.compile(schemaOf('doctor.schema.json'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DoctorDoc = any;

function expectValid(document: unknown): void {
  const ok = validate(document);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('kmsctl doctor', () => {
  let world: E2eWorld;
  let home: string;

  beforeAll(async () => {
    world = await startWorld({
      region: 'cn-hangzhou',
      keys: [
        { id: 'key-doctor-hz-000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-8d', aliases: ['alias/doctor-hz'] },
        { id: 'key-doctor-sh-000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-8d', aliases: ['alias/doctor-sh'], region: 'cn-shanghai' },
      ],
    });
    home = homeWith();
    await world.writeConfig(`version: 1
defaults:
  region: cn-hangzhou
keys:
  hz-one:
    keyId: alias/doctor-hz
    rotation:
      maxAge: 90d
  hz-two:
    keyId: key-doctor-hz-000001x
    rotation:
      maxAge: 90d
  sh:
    keyId: alias/doctor-sh
    region: cn-shanghai
    rotation:
      maxAge: 90d
`);
  });
  afterAll(() => world.close());

  it('names the source, the masked key, the config regions and a request ID per endpoint, and exits 0', async () => {
    const run = await world.kmsctl(['doctor', '--no-color'], { env: { HOME: home } });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain('source:         environment');
    expect(run.stdout).toContain('access key ID:  kmsc****y-id');
    expect(run.stdout).toContain('Config: kmsctl.yaml (3 keys)');
    expect(run.stdout).toMatch(/cn-hangzhou \(config, 2 keys\)\n {4}endpoint: http:\/\/127\.0\.0\.1:\d+ \(KMSCTL_ENDPOINT\)\n {4}OK: ListKeys answered, RequestId [0-9A-F-]{36}/);
    expect(run.stdout).toMatch(/cn-shanghai \(config, 1 key\)/);
    expect(run.stdout).toContain('Result: OK');
    expect(run.stdout + run.stderr).not.toContain(DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
  });

  it('--json follows schemas/doctor.schema.json', async () => {
    const run = await world.kmsctl(['doctor', '--json'], { env: { HOME: home } });
    const doc = parseJson<DoctorDoc>(run);
    expectValid(doc);
    expect(doc).toMatchObject({ format_version: JSON_FORMAT_VERSION, ok: true, config: { files: [expect.stringMatching(/kmsctl\.yaml$/)], keys: 3, errors: 0 }, problems: [] });
    expect(doc.credentials).toMatchObject({ ok: true, source: 'environment', access_key_id: 'kmsc****y-id', temporary: false, sts_endpoint: null, error: null });
    expect(doc.regions.map((r: DoctorDoc) => [r.region, r.origin, r.keys, r.endpoint_origin, r.check.ok])).toEqual([
      ['cn-hangzhou', 'config', 2, 'KMSCTL_ENDPOINT', true],
      ['cn-shanghai', 'config', 1, 'KMSCTL_ENDPOINT', true],
    ]);
  });

  it('without credentials lists what it looked at, in order, and exits 1', async () => {
    const run = await world.kmsctl(['doctor'], { env: { HOME: home, ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' } });
    expect(run.exitCode).toBe(1);
    const at = (text: string) => run.stdout.indexOf(text);
    expect(at('1. environment')).toBeGreaterThan(0);
    expect(at('2. OIDC (CI)')).toBeGreaterThan(at('1. environment'));
    expect(at('3. CLI profile')).toBeGreaterThan(at('2. OIDC (CI)'));
    expect(run.stdout).toContain(`${home}/.aliyun/config.json does not exist`);
    expect(run.stdout).toContain('not checked: no credentials');
    const doc = parseJson<DoctorDoc>(await world.kmsctl(['doctor', '--json'], { env: { HOME: home, ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' } }));
    expectValid(doc);
    expect(doc.credentials.error.code).toBe('credentials.missing');
    expect(doc.credentials.looked_at.map((c: DoctorDoc) => c.source)).toEqual(['environment', 'oidc', 'cli-profile']);
  });

  it('a refused key is shown with the service code, request ID and a hint, never the secret', async () => {
    const secret = 'a-wrong-secret-value-for-doctor';
    const run = await world.kmsctl(['doctor', '--json'], { env: { HOME: home, ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret } });
    expect(run.exitCode).toBe(1);
    const doc = parseJson<DoctorDoc>(run);
    expectValid(doc);
    expect(doc.regions[0].check).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', request_id: expect.stringMatching(/^[0-9A-F-]{36}$/), hint: expect.stringContaining('secret') });
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('STS credentials from a CLI profile: the token and secret are never printed', async () => {
    const c = await issueStsCredentials(world.emulator);
    const profileHome = homeWith({ current: 'sts', profiles: [{ name: 'sts', mode: 'StsToken', access_key_id: c.AccessKeyId, access_key_secret: c.AccessKeySecret, sts_token: c.SecurityToken, region_id: 'cn-beijing' }] });
    for (const format of [[], ['--json']]) {
      const run = await world.kmsctl(['doctor', '-f', 'kmsctl.yaml', ...format], { env: { HOME: profileHome, ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' } });
      expect(run.exitCode, run.stdout).toBe(0);
      const label = 'CLI profile "sts" (mode StsToken)';
      expect(run.stdout).toContain(format.length > 0 ? JSON.stringify(label).slice(1, -1) : label);
      for (const secret of [c.AccessKeySecret, c.SecurityToken, c.AccessKeyId]) expect(run.stdout + run.stderr).not.toContain(secret);
    }
  });

  it('without a config, checks the region of --region, ALIBABA_CLOUD_REGION_ID or the CLI profile', async () => {
    const profileHome = homeWith({ current: 'dev', profiles: [{ name: 'dev', mode: 'AK', access_key_id: 'x', access_key_secret: 'y', region_id: 'cn-beijing' }] });
    const cwd = homeWith();
    const base = { ...world.env, HOME: profileHome };
    const fromProfile = parseJson<DoctorDoc>(await runKmsctl(['doctor', '--json'], { cwd, env: base }));
    expect(fromProfile.config).toBeNull();
    expect(fromProfile.regions.map((r: DoctorDoc) => [r.region, r.origin])).toEqual([['cn-beijing', 'CLI profile region_id']]);
    const fromEnv = parseJson<DoctorDoc>(await runKmsctl(['doctor', '--json'], { cwd, env: { ...base, ALIBABA_CLOUD_REGION_ID: 'cn-qingdao' } }));
    expect(fromEnv.regions[0].origin).toBe('ALIBABA_CLOUD_REGION_ID');
    const fromFlag = parseJson<DoctorDoc>(await runKmsctl(['doctor', '--json', '--region', 'cn-shenzhen'], { cwd, env: { ...base, ALIBABA_CLOUD_REGION_ID: 'cn-qingdao' } }));
    expect(fromFlag.regions[0]).toMatchObject({ region: 'cn-shenzhen', origin: '--region' });
    const none = await runKmsctl(['doctor'], { cwd, env: { ...world.env, HOME: homeWith() } });
    expect(none.exitCode).toBe(1);
    expect(none.stdout).toContain('No region to check');
  });

  it('a config with errors is reported with the validate command to run', async () => {
    await world.writeConfig('version: 1\nkeys:\n  bad:\n    keyId: 42\n', 'broken.yaml');
    const run = await world.kmsctl(['doctor', '-f', 'broken.yaml', '--region', 'cn-hangzhou'], { env: { HOME: home } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('kmsctl validate -f broken.yaml');
    expect(run.stdout).toContain('OK: ListKeys answered');
  });

  it('is in the command list, and the connection help names --profile and --sts-endpoint', async () => {
    expect((await runKmsctl(['--help'])).stdout).toMatch(/doctor\s+Show the credentials/);
    for (const command of ['doctor', 'plan', 'apply', 'show']) {
      const help = (await runKmsctl([command, '--help'])).stdout;
      expect(help).toContain('--profile NAME');
      expect(help).toContain('--sts-endpoint URL');
    }
  });
});
