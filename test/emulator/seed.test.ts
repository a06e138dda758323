import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SeedError, startEmulator, type SeedDocument } from '../../src/emulator/index.js';
import { DAY_MS, T0, expectError, startTest, tempDir, track } from './helpers.js';
import { assumeRoleKms, sts } from './sts-helpers.js';

const DEMO = 'examples/seeds/demo.yaml';
const AT_LIMIT = 'examples/seeds/at-version-limit.yaml';

async function seedError(seed: string | SeedDocument): Promise<SeedError> {
  const error = await startEmulator({ port: 0, now: T0, freezeClock: true, env: {}, seed }).then(
    (emulator) => {
      track(emulator);
      throw new Error('expected the start to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SeedError);
  return error as SeedError;
}

function writeSeed(text: string): string {
  const file = join(tempDir(), 'seed.yaml');
  writeFileSync(file, text);
  return file;
}

/** Every seed shipped in examples/seeds, and the demo's seed when present. */
const SHIPPED_SEEDS = [
  ...readdirSync('examples/seeds').filter((name) => /\.ya?ml$/.test(name)).map((name) => `examples/seeds/${name}`),
  ...(existsSync('examples/demo/seed.yaml') ? ['examples/demo/seed.yaml'] : []),
];

describe('seeds', () => {
  test.each(SHIPPED_SEEDS)('%s loads, and applying it again changes nothing', async (file) => {
    const state = join(tempDir(), 'state.json');
    const first = await startTest({ seed: file, statePath: state });
    expect(first.emulator.seedResult?.created.length).toBeGreaterThan(0);
    const keys = (await first.kms.ok('ListKeys', { PageSize: '100' })).Keys.Key;
    await first.emulator.close();
    const second = await startTest({ seed: file, statePath: state });
    expect(second.emulator.seedResult?.created).toEqual([]);
    expect((await second.kms.ok('ListKeys', { PageSize: '100' })).Keys.Key).toEqual(keys);
  });

  test('the demo seed gives keys with fixed IDs, relative dates, aliases and regions', async () => {
    const { kms, emulator } = await startTest({ seed: DEMO });
    expect(emulator.seedResult).toEqual({ created: expect.any(Array), skipped: [] });
    expect(emulator.seedResult?.created).toHaveLength(10);
    const signing = (await kms.ok('DescribeKey', { KeyId: 'alias/payments/signing' })).KeyMetadata;
    expect(signing).toMatchObject({
      KeyId: 'key-hzz0payments0signing01',
      KeySpec: 'RSA_2048',
      KeyUsage: 'SIGN/VERIFY',
      CreationDate: '2025-11-11T08:00:00Z',
      LastRotationDate: '2026-01-02T08:00:00Z',
      PrimaryKeyVersion: '7e9d1c3b-2a4f-4b6e-8c0d-1f3e5a7b9c22',
    });
    const shanghai = (await kms.ok('DescribeKey', { KeyId: 'alias/payments/signing', RegionId: 'cn-shanghai' })).KeyMetadata;
    expect(shanghai.KeyId).toBe('key-shh0payments0signing08');
    expect((await kms.ok('DescribeKey', { KeyId: 'key-hzz0data0encryption003' })).KeyMetadata).toMatchObject({ AutomaticRotation: 'Enabled', RotationInterval: '7776000s' });
    expect((await kms.ok('DescribeKey', { KeyId: 'key-hzz0byok0000000000006' })).KeyMetadata.KeyState).toBe('PendingImport');
    expect((await kms.ok('DescribeKey', { KeyId: 'key-hzz0retired000000007' })).KeyMetadata).toMatchObject({ KeyState: 'PendingDeletion', DeleteDate: '2026-01-30T08:00:00Z' });
  });

  test('the demo seed shows every CreateKeyVersion outcome', async () => {
    const { kms } = await startTest({ seed: DEMO });
    await kms.ok('CreateKeyVersion', { KeyId: 'alias/payments/signing' });
    expectError(await kms.call('CreateKeyVersion', { KeyId: 'alias/orders/signing' }), 'Rejected.UnsupportedOperation', 400);
    expectError(await kms.call('CreateKeyVersion', { KeyId: 'alias/data/encryption' }), 'Rejected.UnsupportedOperation', 400);
    expectError(await kms.call('CreateKeyVersion', { KeyId: 'key-hzz0legacy00signing004' }), 'Rejected.Disabled', 409);
    expectError(await kms.call('CreateKeyVersion', { KeyId: 'key-hzz0instance0signer005' }), 'Rejected.UnsupportedOperation', 400);
    expectError(await kms.call('CreateKeyVersion', { KeyId: 'key-hzz0retired000000007' }), 'Rejected.PendingDeletion', 409);
    expect((await kms.ok('CreateKeyVersion', { KeyId: 'alias/orders/data' })).KeyVersion.KeyVersionId).toMatch(/^key-hzz0instance0data0009-[a-z0-9]{10}$/);
  });

  test('the demo seed has a second account, reached by its one role, with its own key behind the same alias name', async () => {
    const { kms, emulator } = await startTest({ seed: DEMO });
    const other = await assumeRoleKms(emulator.url, 'acs:ram::2234567890123456:role/kmsctl');
    expect((await other.ok('DescribeKey', { KeyId: 'alias/payments/signing' })).KeyMetadata.KeyId).toBe('key-hzz0other0account010');
    expect((await kms.ok('DescribeKey', { KeyId: 'alias/payments/signing' })).KeyMetadata.KeyId).toBe('key-hzz0payments0signing01');
    expect((await sts(emulator.url, 'AssumeRole', { RoleArn: 'acs:ram::2234567890123456:role/admin', RoleSessionName: 'x' })).status).toBe(404);
  });

  test('the at-version-limit seed gives a key whose next version is Rejected.LimitExceeded', async () => {
    const { kms } = await startTest({ seed: AT_LIMIT });
    const key = (await kms.ok('DescribeKey', { KeyId: 'alias/full' })).KeyMetadata;
    expect(key.LastRotationDate).toBe('2026-01-02T08:00:00Z');
    expect((await kms.ok('ListKeyVersions', { KeyId: key.KeyId, PageSize: '100' })).TotalCount).toBe(50);
    expectError(await kms.call('CreateKeyVersion', { KeyId: 'alias/full' }), 'Rejected.LimitExceeded', 400);
  });

  test('a version without an ID gets the same derived UUID on every run', async () => {
    const first = await startTest({ seed: AT_LIMIT });
    const second = await startTest({ seed: AT_LIMIT });
    const ids = async (kms: typeof first.kms) => (await kms.ok('ListKeyVersions', { KeyId: 'alias/full', PageSize: '100' })).KeyVersions.KeyVersion;
    const a = await ids(first.kms);
    expect(a[0].KeyVersionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await ids(second.kms)).toEqual(a);
  });

  test('an already-parsed seed object is accepted', async () => {
    const { kms } = await startTest({ seed: { keys: [{ id: 'key-obj', spec: 'RSA_2048', aliases: ['alias/obj'] }] } });
    expect((await kms.ok('DescribeKey', { KeyId: 'alias/obj' })).KeyMetadata).toMatchObject({ KeyId: 'key-obj', CreationDate: T0, LastRotationDate: T0 });
  });

  test('applying a seed twice changes nothing: existing keys are skipped by ID', async () => {
    const state = join(tempDir(), 'state.json');
    const first = await startTest({ seed: DEMO, statePath: state });
    first.emulator.clock.advance(DAY_MS);
    await first.kms.ok('CreateKeyVersion', { KeyId: 'alias/payments/signing' });
    await first.kms.ok('DeleteAlias', { AliasName: 'alias/orders/signing' });
    const before = (await first.kms.ok('DescribeKey', { KeyId: 'alias/payments/signing' })).KeyMetadata;
    await first.emulator.close();
    const second = await startTest({ seed: DEMO, statePath: state });
    expect(second.emulator.seedResult).toMatchObject({ created: [], skipped: expect.any(Array) });
    expect(second.emulator.seedResult?.skipped).toHaveLength(10);
    expect((await second.kms.ok('DescribeKey', { KeyId: 'alias/payments/signing' })).KeyMetadata).toEqual(before);
    expectError(await second.kms.call('DescribeKey', { KeyId: 'alias/orders/signing' }), 'Forbidden.AliasNotFound', 404);
  });

  test('a YAML syntax error names the file, line and column', async () => {
    const file = writeSeed('keys:\n  - id: key-a\n    spec: [RSA_2048\n');
    const error = await seedError(file);
    expect(error.file).toBe(file);
    expect(error.problems[0]?.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toContain(file);
  });

  test('a schema violation names the line and column of the offending value', async () => {
    const file = writeSeed('keys:\n  - id: key-a\n    spec: RSA_1024\n  - id: key-b\n    colour: blue\n');
    const error = await seedError(file);
    expect(error.problems.map((p) => [p.line, p.col])).toEqual([
      [3, 11],
      [5, 5],
    ]);
    expect(error.message).toContain(`${file}:3:11`);
  });

  test('a key without an ID is refused, pointing at the key', async () => {
    const error = await seedError(writeSeed('keys:\n  - spec: RSA_2048\n'));
    expect(error.problems[0]).toMatchObject({ line: 2, col: 5 });
  });

  test.each([
    ['a usage the spec does not allow', 'keys:\n  - id: k1\n    spec: Aliyun_AES_256\n    usage: SIGN/VERIFY\n', 4],
    ['PendingImport for a key that is not EXTERNAL', 'keys:\n  - id: k1\n    state: PendingImport\n', 3],
    ['versions out of order', 'keys:\n  - id: k1\n    spec: RSA_2048\n    versions:\n      - creationDate: -1d\n      - creationDate: -9d\n', 6],
    ['a version older than its key', 'keys:\n  - id: k1\n    creationDate: -1d\n    versions:\n      - creationDate: -2d\n', 5],
    ['a later version without a date', 'keys:\n  - id: k1\n    versions:\n      - creationDate: -9d\n      - id: v2\n', 5],
    ['a duplicate key ID', 'keys:\n  - id: k1\n  - id: k1\n', 3],
    ['a duplicate alias in one region', 'keys:\n  - id: k1\n    aliases: [alias/a]\n  - id: k2\n    aliases: [alias/a]\n', 5],
    ['an invalid alias', 'keys:\n  - id: k1\n    aliases: [alias/acs-x]\n', 3],
    ['two versions of an EXTERNAL key', 'keys:\n  - id: k1\n    origin: EXTERNAL\n    versions:\n      - creationDate: -9d\n      - creationDate: -1d\n', 4],
    ['automatic rotation of an asymmetric key', 'keys:\n  - id: k1\n    spec: RSA_2048\n    rotationInterval: 30d\n', 4],
    ['a deleteDate on an Enabled key', 'keys:\n  - id: k1\n    deleteDate: +7d\n', 3],
    ['an impossible date', 'keys:\n  - id: k1\n    creationDate: 2026-13-45T00:00:00Z\n', 3],
    ['a key in an instance nobody declared', 'keys:\n  - id: k1\n    dkmsInstanceId: kst-hzz0nowhere\n', 3],
    ['a key in another account\'s instance', 'instances:\n  - id: kst-hzz0mine\n    kind: software\nkeys:\n  - id: k1\n    account: \'2234567890123456\'\n    dkmsInstanceId: kst-hzz0mine\n', 7],
    ['a software-protected key in a hardware instance', 'instances:\n  - id: kst-hzz0hsm\n    kind: hardware\nkeys:\n  - id: k1\n    protectionLevel: SOFTWARE\n    dkmsInstanceId: kst-hzz0hsm\n', 6],
    ['more versions than the instance\'s key quota', 'instances:\n  - id: kst-hzz0tiny\n    kind: software\n    keyNum: 1\nkeys:\n  - id: k1\n    dkmsInstanceId: kst-hzz0tiny\n    versions:\n      - creationDate: -9d\n      - creationDate: -1d\n', 8],
    ['a deletion protection description without protection', 'keys:\n  - id: k1\n    deletionProtectionDescription: why\n', 3],
    ['a duplicate account', 'accounts:\n  - uid: \'2234567890123456\'\n  - uid: \'2234567890123456\'\nkeys: []\n', 3],
  ])('a seed with %s is refused with the line of the problem', async (_name, text, line) => {
    const error = await seedError(writeSeed(text));
    expect(error.problems[0]?.line).toBe(line);
  });

  test('a seed alias already taken by another key in the state is refused', async () => {
    const state = join(tempDir(), 'state.json');
    const first = await startTest({ statePath: state });
    const key = (await first.kms.ok('CreateKey')).KeyMetadata;
    await first.kms.ok('CreateAlias', { KeyId: key.KeyId, AliasName: 'alias/taken' });
    await first.emulator.close();
    const error = await startEmulator({ port: 0, env: {}, statePath: state, seed: { keys: [{ id: 'k-new', aliases: ['alias/taken'] }] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
  });

  test('a missing seed file is a SeedError naming the file', async () => {
    const error = await seedError('examples/seeds/no-such-file.yaml');
    expect(error.file).toMatch(/no-such-file\.yaml$/);
  });
});
