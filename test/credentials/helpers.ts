/** Shared by the credential tests: a home directory with a CLI profile file, and KMS clients over a given credentials provider. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createKmsClients, type KmsClients } from '../../src/kms/client-factory.js';
import type { CredentialsProvider } from '../../src/kms/credentials.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { tempDir } from '../emulator/helpers.js';
import { sts, ROLE_ARN } from '../emulator/sts-helpers.js';

export { ROLE_ARN };
export const DEMO_ID = 'kmsctl-demo-access-key-id';
export const DEMO_SECRET = 'kmsctl-demo-access-key-secret';
export const DEMO_ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_SECRET };

const opened: KmsClients[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((clients) => clients.close()));
});

/** A fresh HOME, optionally with `~/.aliyun/config.json`. */
export function homeWith(config?: unknown): string {
  const home = tempDir();
  if (config !== undefined) writeProfiles(home, config);
  return home;
}

export function writeProfiles(home: string, config: unknown): string {
  mkdirSync(join(home, '.aliyun'), { recursive: true });
  const path = join(home, '.aliyun', 'config.json');
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return path;
}

/** Clients for the emulator (http on loopback) signing with `credentials`; closed after the test. */
export function clientsFor(emulator: RunningEmulator, credentials: CredentialsProvider): KmsClients {
  const clients = createKmsClients({ endpoint: emulator.url, env: {}, credentials, retry: { maxAttempts: 1 } });
  opened.push(clients);
  return clients;
}

/** Temporary credentials straight from the emulator's STS (over http). */
export async function issueStsCredentials(emulator: RunningEmulator): Promise<{ AccessKeyId: string; AccessKeySecret: string; SecurityToken: string; Expiration: string }> {
  const response = await sts(emulator.url, 'AssumeRole', { RoleArn: ROLE_ARN, RoleSessionName: 'test' });
  if (response.status !== 200) throw new Error(`AssumeRole failed: ${response.text}`);
  return response.body.Credentials;
}

/** The KmsConfigError code a promise rejects with. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}
