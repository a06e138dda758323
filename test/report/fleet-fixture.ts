/**
 * A fleet with one key of every status a report shows, in two regions, on an emulator with a frozen
 * clock; and `kmsctl report` run against it in the test process.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator, type SeedDocument } from '../../src/emulator/index.js';
import { capturedContext } from '../cli/captured-context.js';

export const FLEET_NOW = '2026-06-01T09:00:00Z';

export const FLEET_SEED: SeedDocument = {
  region: 'cn-hangzhou',
  instances: [{ id: 'kst-hzz0fleetsoftware01', kind: 'software' }],
  keys: [
    { id: 'key-hzz0within000000001', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-10d' },
    { id: 'key-hzz0duesoon00000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-80d' },
    { id: 'key-hzz0overdue00000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-100d' },
    { id: 'key-hzz0pending00000001', spec: 'RSA_3072', usage: 'SIGN/VERIFY', creationDate: '-30d', versions: [{ id: 'pending-v1-000000001' }] },
    { id: 'key-hzz0deferred0000001', spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-40d', versions: [{ id: 'deferred-v1-00000001' }, { id: 'deferred-v2-00000001', creationDate: '-2d' }] },
    { id: 'key-hzz0drift0000000001', spec: 'RSA_2048', usage: 'SIGN/VERIFY', creationDate: '-60d', versions: [{ id: 'drift-v1-0000000001' }, { id: 'drift-v2-0000000001', creationDate: '-20d' }] },
    { id: 'key-hzz0classicaes00001', spec: 'Aliyun_AES_256', creationDate: '-120d' },
    { id: 'key-hzz0instanceaes0001', spec: 'Aliyun_AES_256', dkmsInstanceId: 'kst-hzz0fleetsoftware01', creationDate: '-100d' },
    { id: 'key-shh0shanghai0000001', region: 'cn-shanghai', spec: 'EC_P256K', usage: 'SIGN/VERIFY', creationDate: '-5d' },
  ],
};

export const FLEET_CONFIG = `version: 1
defaults:
  region: cn-hangzhou
keys:
  token-signing:
    keyId: key-hzz0within000000001
    rotation: { maxAge: 90d, warnBefore: 14d }
  release-signing:
    keyId: key-hzz0duesoon00000001
    rotation: { maxAge: 90d, warnBefore: 14d }
  payments-signing:
    keyId: key-hzz0overdue00000001
    rotation: { maxAge: 90d }
  audit-signing:
    keyId: key-hzz0pending00000001
    versions:
      - id: pending-v1-000000001
      - label: 2026-q2
  api-tokens:
    keyId: key-hzz0deferred0000001
    versions:
      - id: deferred-v1-00000001
      - id: deferred-v2-00000001
      - label: 2026-06
  legacy-signing:
    keyId: key-hzz0drift0000000001
    versions:
      - id: drift-v1-0000000001
  session-encryption:
    keyId: key-hzz0classicaes00001
    rotation: { maxAge: 90d }
  instance-encryption:
    keyId: key-hzz0instanceaes0001
    rotation: { maxAge: 90d }
  wallet-signing:
    keyId: key-shh0shanghai0000001
    region: cn-shanghai
    rotation: { maxAge: 180d }
  missing:
    keyId: alias/never-created
    rotation: { maxAge: 90d }
`;

export interface Fleet {
  emulator: RunningEmulator;
  dir: string;
  kmsctl(args: string[]): Promise<{ code: number; out: string; err: string }>;
  readText(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startFleet(): Promise<Fleet> {
  const emulator = await startEmulator({ port: 0, seed: FLEET_SEED, now: FLEET_NOW, freezeClock: true, env: {}, accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET });
  const dir = await mkdtemp(join(tmpdir(), 'kmsctl-report-'));
  await writeFile(join(dir, 'kmsctl.yaml'), FLEET_CONFIG);
  const env = { KMSCTL_ENDPOINT: emulator.url, ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' };
  return {
    emulator,
    dir,
    async kmsctl(args) {
      const ctx = capturedContext({ env, cwd: dir });
      const code = await runCli(args, ctx);
      return { code, out: ctx.out(), err: ctx.err() };
    },
    readText: (name) => readFile(join(dir, name), 'utf8'),
    async close() {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
