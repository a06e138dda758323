/**
 * A world of several Alibaba Cloud accounts for the end-to-end tests: one emulator over HTTPS (its own
 * self-signed certificate, trusted by the spawned CLI through NODE_EXTRA_CA_CERTS) serving KMS and STS,
 * and three accounts:
 * - the base account (the access key's), which holds `alias/invoices` too, so a version made in the
 *   wrong account would show there;
 * - `payments` (UID 2234...), reached with AssumeRole into role `kmsctl` (every command is given
 *   `--sts-endpoint` at the emulator's HTTPS port), with keys in cn-hangzhou and cn-shanghai;
 * - `audit` (UID 3334...), whose seed lists no role `kmsctl`: its role cannot be assumed.
 * The test process looks at each account's keys itself, with signed calls of its own over HTTPS, never
 * through kmsctl.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator, type SeedDocument } from '../../src/emulator/index.js';
import { percentEncode } from '../../src/kms/signing/percent-encode.js';
import { signV1, stringToSignV1 } from '../../src/kms/signing/signature-v1.js';
import { UNPACED } from './e2e-harness.js';
import { DEMO_CREDENTIALS, runKmsctl, type KmsctlRun } from './run-kmsctl.js';

export const BASE_UID = '1234567890123456';
export const PAYMENTS_UID = '2234567890123456';
export const AUDIT_UID = '3334567890123456';
export const PAYMENTS_ROLE = `acs:ram::${PAYMENTS_UID}:role/kmsctl`;
export const AUDIT_ROLE = `acs:ram::${AUDIT_UID}:role/kmsctl`;

/** The commands that take --sts-endpoint. */
const STS_COMMANDS = new Set(['plan', 'apply', 'show', 'pin', 'import', 'doctor']);

const SIGNING = { spec: 'EC_P256', usage: 'SIGN/VERIFY', creationDate: '-30d' } as const;

export const ACCOUNTS_SEED: SeedDocument = {
  accountUid: BASE_UID,
  region: 'cn-hangzhou',
  accounts: [
    { uid: PAYMENTS_UID, roles: ['kmsctl'] },
    { uid: AUDIT_UID, roles: ['auditor'] },
  ],
  keys: [
    { id: 'key-e2e-base-invoices1', ...SIGNING, aliases: ['alias/invoices'] },
    { id: 'key-e2e-pay-invoices01', ...SIGNING, account: PAYMENTS_UID, aliases: ['alias/invoices'] },
    { id: 'key-e2e-pay-receipts01', ...SIGNING, account: PAYMENTS_UID, region: 'cn-shanghai', aliases: ['alias/receipts'] },
    { id: 'key-e2e-audit-log00001', ...SIGNING, account: AUDIT_UID, aliases: ['alias/audit-log'] },
  ],
};

/** The accounts of the config: `payments` reachable, `audit` not. */
export const ACCOUNTS_YAML = `accounts:
  payments:
    roleArn: ${PAYMENTS_ROLE}
  audit:
    roleArn: ${AUDIT_ROLE}
`;

/** Every key due for rotation (30 days old, maxAge 7d) but the base account's, which is not (90d). */
export const ACCOUNTS_CONFIG = `version: 1
${ACCOUNTS_YAML}defaults:
  region: cn-hangzhou
keys:
  base-invoices:
    keyId: alias/invoices
    rotation:
      maxAge: 90d
  invoices:
    account: payments
    keyId: alias/invoices
    rotation:
      maxAge: 7d
  receipts:
    account: payments
    region: cn-shanghai
    keyId: alias/receipts
    rotation:
      maxAge: 7d
  audit-log:
    account: audit
    keyId: alias/audit-log
    rotation:
      maxAge: 7d
`;

export interface AccountsWorld {
  emulator: RunningEmulator;
  dir: string;
  env: Record<string, string>;
  writeConfig(text: string, name?: string): Promise<string>;
  kmsctl(args: string[], options?: { env?: Record<string, string>; input?: string }): Promise<KmsctlRun>;
  /** The versions of a key (ID or alias) in an account (a UID) and region, read by the test itself. */
  versionIds(account: string, region: string, keyId: string): Promise<string[]>;
  /** CreateKeyVersion by the test itself, behind kmsctl's back. */
  createVersion(account: string, region: string, keyId: string): Promise<void>;
  advanceClock(advance: string): Promise<void>;
  close(): Promise<void>;
}

export async function startAccountsWorld(seed: SeedDocument = ACCOUNTS_SEED): Promise<AccountsWorld> {
  const emulator = await startEmulator({ port: 0, seed, tls: true, freezeClock: true, accessKeyId: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_SECRET, env: {} });
  const dir = await mkdtemp(join(tmpdir(), 'kmsctl-e2e-accounts-'));
  const ca = emulator.tlsCertificate ?? '';
  const env: Record<string, string> = {
    ...DEMO_CREDENTIALS,
    ...UNPACED,
    HOME: dir,
    NODE_EXTRA_CA_CERTS: emulator.tlsCertPath ?? '',
    KMSCTL_ENDPOINT: emulator.url,
  };
  const caller = new TlsCaller(emulator.url, ca);
  return {
    emulator,
    dir,
    env,
    async writeConfig(text, name = 'kmsctl.yaml') {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
    // Every command that talks to KMS is told where STS is with the flag, as a user would.
    kmsctl: (args, options = {}) => runKmsctl(STS_COMMANDS.has(args[0] ?? '') ? [...args, '--sts-endpoint', emulator.url] : args, { cwd: dir, env: { ...env, ...options.env }, input: options.input }),
    async versionIds(account, region, keyId) {
      const answer = await caller.asAccount(account, 'ListKeyVersions', { KeyId: keyId, RegionId: region, PageSize: '100' });
      return (answer.KeyVersions as { KeyVersion: { KeyVersionId: string }[] }).KeyVersion.map((v) => v.KeyVersionId);
    },
    async createVersion(account, region, keyId) {
      await caller.asAccount(account, 'CreateKeyVersion', { KeyId: keyId, RegionId: region });
    },
    async advanceClock(advance) {
      emulator.clock.advance(durationMs(advance));
    },
    async close() {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function durationMs(text: string): number {
  const match = /^(\d+)d$/.exec(text);
  if (!match) throw new Error(`the world advances by whole days, got ${text}`);
  return Number(match[1]) * 86_400_000;
}

/** V1-signed calls over HTTPS trusting the emulator's certificate: the base key, or a role assumed into another account. */
class TlsCaller {
  readonly #sessions = new Map<string, { id: string; secret: string; token: string }>();
  constructor(
    readonly url: string,
    readonly ca: string,
  ) {}

  async asAccount(account: string, action: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    if (account === BASE_UID) return this.call(action, '2016-01-20', params, { id: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_ID, secret: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_SECRET });
    let session = this.#sessions.get(account);
    if (session === undefined) {
      // A role the account's seed lists: `auditor` in the audit account (where kmsctl's own role does not exist), else `kmsctl`.
      const assumed = await this.call('AssumeRole', '2015-04-01', { RoleArn: `acs:ram::${account}:role/${account === AUDIT_UID ? 'auditor' : 'kmsctl'}`, RoleSessionName: 'e2e-inspect' }, { id: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_ID, secret: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_SECRET });
      const credentials = assumed.Credentials as { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string };
      session = { id: credentials.AccessKeyId, secret: credentials.AccessKeySecret, token: credentials.SecurityToken };
      this.#sessions.set(account, session);
    }
    return this.call(action, '2016-01-20', { ...params, SecurityToken: session.token }, session);
  }

  call(action: string, version: string, extra: Record<string, string>, key: { id: string; secret: string }): Promise<Record<string, unknown>> {
    const params: Record<string, string> = {
      Action: action,
      Version: version,
      Format: 'JSON',
      AccessKeyId: key.id,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: randomUUID(),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ...extra,
    };
    params.Signature = signV1(stringToSignV1('GET', params), key.secret);
    const query = Object.entries(params).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
    const target = new URL(this.url);
    return new Promise((resolve, reject) => {
      const req = request({ host: target.hostname, port: target.port, path: `/?${query}`, method: 'GET', ca: this.ca, agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          const body = JSON.parse(text) as Record<string, unknown>;
          if (res.statusCode !== 200) reject(new Error(`${action} failed: HTTP ${res.statusCode} ${text}`));
          else resolve(body);
        });
      });
      req.on('error', reject);
      req.end();
    });
  }
}

/** The base account's key and the payments account's two keys, every one due (30 days old, maxAge 7d); the audit account is declared but no key uses it. */
export const TWO_ACCOUNTS_CONFIG = `version: 1
${ACCOUNTS_YAML}defaults:
  region: cn-hangzhou
keys:
  base-invoices:
    keyId: alias/invoices
    rotation:
      maxAge: 7d
  invoices:
    account: payments
    keyId: alias/invoices
    rotation:
      maxAge: 7d
  receipts:
    account: payments
    region: cn-shanghai
    keyId: alias/receipts
    rotation:
      maxAge: 7d
`;
