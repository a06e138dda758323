/**
 * `kmsctl public-keys` against the emulator: a JWKS whose keys verify, with a JOSE library (jose),
 * signatures the emulator made through kmsctl's client (AsymmetricSign of the JWS signing input's
 * digest); PEM files; the keys it skips and the errors it reports, by code.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { base64url, compactVerify, createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { loadSchema, OUTPUT_SCHEMAS } from '../../src/schemas.js';
import { readSignatureDer, bigintBytes } from '../../src/emulator/crypto/der-reader.js';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator, type SeedDocument } from '../../src/emulator/index.js';
import { createKmsClients, type KmsClients } from '../../src/kms/client-factory.js';
import { StaticCredentialsProvider } from '../../src/kms/credentials.js';
import { capturedContext } from '../cli/captured-context.js';

const SEED: SeedDocument = {
  region: 'cn-hangzhou',
  keys: [
    { id: 'key-hzz0rsa0000000000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-40d', versions: [{ id: 'rsa-version-0001' }, { id: 'rsa-version-0002', creationDate: '-10d' }] },
    { id: 'key-hzz0p256000000000001', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-40d', versions: [{ id: 'p256-version-0001' }, { id: 'p256-version-0002', creationDate: '-20d' }, { id: 'p256-version-0003', creationDate: '-1d' }] },
    { id: 'key-hzz0k256000000000001', spec: 'EC_P256K', usage: 'SIGN/VERIFY', versions: [{ id: 'k256-version-0001' }] },
    { id: 'key-hzz0sm20000000000001', spec: 'EC_SM2', usage: 'SIGN/VERIFY', versions: [{ id: 'sm2-version-00001' }] },
    { id: 'key-hzz0aes0000000000001', spec: 'Aliyun_AES_256' },
    { id: 'key-hzz0rsaenc0000000001', spec: 'RSA_2048', usage: 'ENCRYPT/DECRYPT' },
  ],
};

const CONFIG = `version: 1
defaults:
  region: cn-hangzhou
keys:
  releases: { keyId: key-hzz0rsa0000000000001, rotation: { maxAge: 90d } }
  tokens: { keyId: key-hzz0p256000000000001, rotation: { maxAge: 90d } }
  wallet: { keyId: key-hzz0k256000000000001, rotation: { maxAge: 90d } }
  national: { keyId: key-hzz0sm20000000000001, rotation: { maxAge: 90d } }
  sessions: { keyId: key-hzz0aes0000000000001, rotation: { maxAge: 90d } }
  envelopes: { keyId: key-hzz0rsaenc0000000001, rotation: { maxAge: 90d } }
  gone: { keyId: key-hzz0missing0000000001, rotation: { maxAge: 90d } }
`;

let emulator: RunningEmulator;
let clients: KmsClients;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: SEED, freezeClock: true, env: {}, accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET });
  env = { KMSCTL_ENDPOINT: emulator.url, ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' };
  clients = createKmsClients({ endpoint: emulator.url, env: {}, credentials: new StaticCredentialsProvider({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, 'emulator demo') });
  dir = await mkdtemp(join(tmpdir(), 'kmsctl-public-keys-'));
  await writeFile(join(dir, 'kmsctl.yaml'), CONFIG);
});

afterAll(async () => {
  await clients?.close();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

async function kmsctl(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const ctx = capturedContext({ env, cwd: dir });
  const code = await runCli(args, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

/** A compact JWS of `payload` signed by a KMS version through AsymmetricSign, as a signer in a pipeline makes one. */
async function kmsSignedJws(keyId: string, versionId: string, alg: string, kmsAlgorithm: string, payload: string): Promise<string> {
  const signingInput = `${base64url.encode(JSON.stringify({ alg, kid: versionId }))}.${base64url.encode(payload)}`;
  const digest = createHash('sha256').update(signingInput).digest();
  const signed = await clients.forRegion('cn-hangzhou').asymmetricSign(keyId, versionId, kmsAlgorithm, digest);
  const bytes = Buffer.from(signed.value.signature, 'base64');
  // KMS answers ECDSA signatures in DER; a JWS carries r || s, 32 bytes each (RFC 7518 3.4).
  const der = alg.startsWith('ES') ? readSignatureDer(bytes) : undefined;
  const jwsSignature = der === undefined ? bytes : Buffer.concat([bigintBytes(der.r, 32), bigintBytes(der.s, 32)]);
  return `${signingInput}.${base64url.encode(jwsSignature)}`;
}

describe('kmsctl public-keys', () => {
  test('the JWKS verifies, with jose, what the emulator signed for RSA (PS256 and RS256) and P-256 (ES256) versions, by kid', async () => {
    for (const [rsaAlgorithm, rsaAlg] of [['RSA_PSS_SHA_256', 'PS256'], ['RSA_PKCS1_SHA_256', 'RS256']] as const) {
      const run = await kmsctl(['public-keys', '--target', 'releases', '--target', 'tokens', '--rsa-algorithm', rsaAlgorithm]);
      expect(run.code, run.err).toBe(0);
      const keySet = createLocalJWKSet(JSON.parse(run.out));
      for (const [keyId, versionId, alg, kmsAlgorithm] of [
        ['key-hzz0rsa0000000000001', 'rsa-version-0001', rsaAlg, rsaAlgorithm],
        ['key-hzz0p256000000000001', 'p256-version-0002', 'ES256', 'ECDSA_SHA_256'],
      ] as const) {
        const jws = await kmsSignedJws(keyId, versionId, alg, kmsAlgorithm, '{"release":"1.4.2"}');
        const verified = await compactVerify(jws, keySet);
        expect(new TextDecoder().decode(verified.payload)).toBe('{"release":"1.4.2"}');
        expect(verified.protectedHeader).toEqual({ alg, kid: versionId });
      }
    }
  });

  test('kid is the version ID, use is sig, versions newest first, keys in config order; --only-newest keeps the newest N', async () => {
    const all = JSON.parse((await kmsctl(['public-keys', '--target', 'releases', '--target', 'tokens', '--target', 'wallet'])).out) as { keys: Record<string, string>[] };
    expect(all.keys.map((k) => [k.kid, k.use, k.alg, k.kty, k.crv])).toEqual([
      ['rsa-version-0002', 'sig', 'PS256', 'RSA', undefined],
      ['rsa-version-0001', 'sig', 'PS256', 'RSA', undefined],
      ['p256-version-0003', 'sig', 'ES256', 'EC', 'P-256'],
      ['p256-version-0002', 'sig', 'ES256', 'EC', 'P-256'],
      ['p256-version-0001', 'sig', 'ES256', 'EC', 'P-256'],
      ['k256-version-0001', 'sig', 'ES256K', 'EC', 'secp256k1'],
    ]);
    const newest = JSON.parse((await kmsctl(['public-keys', '--target', 'tokens', '--only-newest', '2'])).out) as { keys: { kid: string }[] };
    expect(newest.keys.map((k) => k.kid)).toEqual(['p256-version-0003', 'p256-version-0002']);
  });

  test('an ES256K key of the JWKS verifies a secp256k1 signature (OpenSSL: jose does not implement ES256K)', async () => {
    const jwks = JSON.parse((await kmsctl(['public-keys', '--target', 'wallet'])).out) as { keys: Record<string, string>[] };
    const digest = createHash('sha256').update('transfer 10').digest();
    const signed = await clients.forRegion('cn-hangzhou').asymmetricSign('key-hzz0k256000000000001', 'k256-version-0001', 'ECDSA_SHA_256', digest);
    const publicKey = createPublicKey({ key: jwks.keys[0]!, format: 'jwk' });
    expect(verify('sha256', Buffer.from('transfer 10'), publicKey, Buffer.from(signed.value.signature, 'base64'))).toBe(true);
  });

  test('symmetric and encryption keys are skipped, an SM2 key has no JWK and a missing key is an error: exit 1, the rest still exported', async () => {
    const run = await kmsctl(['public-keys', '--json']);
    expect(run.code).toBe(1);
    const document = JSON.parse(run.out) as { keys: { name: string; status: string; skip_reason: string | null; error: { code: string } | null }[]; problems: { name: string; code: string }[]; jwks: { keys: unknown[] } };
    const byName = Object.fromEntries(document.keys.map((k) => [k.name, [k.status, k.skip_reason ?? k.error?.code ?? null]]));
    expect(byName).toEqual({
      releases: ['exported', null],
      tokens: ['exported', null],
      wallet: ['exported', null],
      national: ['exported', null],
      sessions: ['skipped', 'symmetric'],
      envelopes: ['skipped', 'not-signing'],
      gone: ['error', 'Forbidden.KeyNotFound'],
    });
    expect(document.problems).toEqual([{ name: 'national', code: 'public-keys.no-jose-algorithm', message: expect.any(String) }]);
    expect(document.jwks.keys).toHaveLength(6);
  });

  test('--format pem writes one SubjectPublicKeyInfo per version, SM2 included, under DIR/<name>/<version>.pem', async () => {
    const run = await kmsctl(['public-keys', '--format', 'pem', '--out-dir', 'pem', '--target', 'national', '--target', 'releases']);
    expect(run.code, run.err).toBe(0);
    expect((await readdir(join(dir, 'pem', 'releases'))).sort()).toEqual(['rsa-version-0001.pem', 'rsa-version-0002.pem']);
    const sm2 = await readFile(join(dir, 'pem', 'national', 'sm2-version-00001.pem'), 'utf8');
    const served = (await clients.forRegion('cn-hangzhou').getPublicKey('key-hzz0sm20000000000001', 'sm2-version-00001')).value.publicKeyPem;
    expect(sm2.trim()).toBe(served.trim());
  });

  test('--out writes the JWKS file and the summary goes to stdout', async () => {
    const run = await kmsctl(['public-keys', '--target', 'tokens', '--out', 'jwks.json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'jwks.json'), 'utf8')).keys).toHaveLength(3);
    expect(run.out).toContain('jwks.json');
  });

  test.each([
    [['--format', 'pem'], 'cli.missing-argument'],
    [['--format', 'der'], 'cli.bad-flag-value'],
    [['--out-dir', 'x'], 'cli.conflicting-flags'],
    [['--only-newest', '0'], 'cli.bad-flag-value'],
    [['--rsa-algorithm', 'RS512'], 'cli.bad-flag-value'],
    [['--account', 'payments'], 'cli.unknown-account'],
  ])('flags %j fail with %s, as one JSON failure document with --json', async (flags, code) => {
    const run = await kmsctl(['public-keys', '--json', ...flags]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out).error.code).toBe(code);
  });

  test('the --json document matches schemas/public-keys.schema.json', async () => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    for (const name of OUTPUT_SCHEMAS) ajv.addSchema(await loadSchema(name), name);
    const validate = ajv.compile(await loadSchema('public-keys.schema.json'));
    for (const args of [['--json'], ['--json', '--format', 'pem', '--out-dir', 'pem2'], ['--json', '--format', 'der']]) {
      const document = JSON.parse((await kmsctl(['public-keys', ...args])).out) as unknown;
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});
