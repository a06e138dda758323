import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createCredentialChain } from '../../src/kms/credential-chain.js';
import { startTest, tempDir } from '../emulator/helpers.js';
import { clientsFor, DEMO_ENV, DEMO_ID, DEMO_SECRET, homeWith, issueStsCredentials } from './helpers.js';

/** A process_command running a node script that prints `document` (node found by absolute path: no PATH needed). */
function externalCommand(document: unknown): string {
  const script = join(tempDir(), 'print-credentials.mjs');
  writeFileSync(script, `process.stdout.write(${JSON.stringify(JSON.stringify(document))});\n`);
  return `"${process.execPath}" "${script}"`;
}

describe('each credential source, on its own, signs requests the emulator accepts', () => {
  test('environment: a long-term key', async () => {
    const { emulator } = await startTest();
    const chain = createCredentialChain({ env: { ...DEMO_ENV, HOME: homeWith() } });
    const page = await clientsFor(emulator, chain).forRegion('cn-hangzhou').listKeysPage(1, 1);
    expect(page.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  test('environment: STS credentials with ALIBABA_CLOUD_SECURITY_TOKEN', async () => {
    const { emulator } = await startTest();
    const c = await issueStsCredentials(emulator);
    const chain = createCredentialChain({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: c.AccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: c.AccessKeySecret, ALIBABA_CLOUD_SECURITY_TOKEN: c.SecurityToken, HOME: homeWith() } });
    await clientsFor(emulator, chain).forRegion('cn-hangzhou').listKeysPage(1, 1);
    expect(await chain.describe()).toMatchObject({ source: 'environment (STS token)', hasSecurityToken: true });
  });

  test('CLI profile, mode AK', async () => {
    const { emulator } = await startTest();
    const home = homeWith({ current: 'dev', profiles: [{ name: 'dev', mode: 'AK', access_key_id: DEMO_ID, access_key_secret: DEMO_SECRET }] });
    await clientsFor(emulator, createCredentialChain({ env: { HOME: home } })).forRegion('cn-hangzhou').listKeysPage(1, 1);
  });

  test('CLI profile, mode StsToken', async () => {
    const { emulator } = await startTest();
    const c = await issueStsCredentials(emulator);
    const home = homeWith({ current: 'sts', profiles: [{ name: 'sts', mode: 'StsToken', access_key_id: c.AccessKeyId, access_key_secret: c.AccessKeySecret, sts_token: c.SecurityToken }] });
    const chain = createCredentialChain({ env: { HOME: home } });
    await clientsFor(emulator, chain).forRegion('cn-hangzhou').listKeysPage(1, 1);
    expect((await chain.describe()).source).toBe('CLI profile "sts" (mode StsToken)');
  });

  test('CLI profile, mode External: the process_command prints an AK pair', async () => {
    const { emulator } = await startTest();
    const command = externalCommand({ mode: 'AK', access_key_id: DEMO_ID, access_key_secret: DEMO_SECRET });
    const home = homeWith({ current: 'ext', profiles: [{ name: 'ext', mode: 'External', process_command: command }] });
    const chain = createCredentialChain({ env: { HOME: home } });
    await clientsFor(emulator, chain).forRegion('cn-hangzhou').listKeysPage(1, 1);
    expect(await chain.describe()).toEqual({ source: 'CLI profile "ext" (mode External)', accessKeyId: 'kmsc****y-id', hasSecurityToken: false });
  });

  test('CLI profile, mode External: the process_command prints STS credentials', async () => {
    const { emulator } = await startTest();
    const c = await issueStsCredentials(emulator);
    const command = externalCommand({ mode: 'StsToken', access_key_id: c.AccessKeyId, access_key_secret: c.AccessKeySecret, sts_token: c.SecurityToken, expiration: c.Expiration });
    const home = homeWith({ current: 'ext', profiles: [{ name: 'ext', mode: 'External', process_command: command }] });
    await clientsFor(emulator, createCredentialChain({ env: { HOME: home } })).forRegion('cn-hangzhou').listKeysPage(1, 1);
  });

  test('a source the emulator refuses is reported with the service code, not replaced by the next source', async () => {
    const { emulator } = await startTest();
    const home = homeWith({ current: 'dev', profiles: [{ name: 'dev', mode: 'AK', access_key_id: DEMO_ID, access_key_secret: DEMO_SECRET }] });
    const chain = createCredentialChain({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'a-wrong-secret', HOME: home } });
    await expect(clientsFor(emulator, chain).forRegion('cn-hangzhou').listKeysPage(1, 1)).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });
});
