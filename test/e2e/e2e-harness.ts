/**
 * Shared set-up of the end-to-end tests: an emulator on port 0 in the test process, a temporary
 * directory holding the config, and the built CLI pointed at both.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator, type SeedDocument } from '../../src/emulator/index.js';
import { createKmsClients, type KmsClients } from '../../src/kms/client-factory.js';
import { DEMO_CREDENTIALS, runKmsctl, type KmsctlRun } from './run-kmsctl.js';

/**
 * kmsctl paces each account and region to the service's published quotas by default (50 reads, 30
 * writes a second). The emulator of these tests enforces no quota, so pacing would only make them
 * slower; they run with the pacing off, as a user of an unthrottled gateway would (KMSCTL_QUOTAS).
 * Pacing itself is tested against an emulator that throttles (test/kms, the benchmark).
 */
export const UNPACED = { KMSCTL_QUOTAS: 'unlimited' } as const;

export interface E2eWorld {
  emulator: RunningEmulator;
  dir: string;
  /** A client of our own, to look at or change the emulator's keys behind the CLI's back. */
  clients: KmsClients;
  env: Record<string, string>;
  writeConfig(text: string, name?: string): Promise<string>;
  kmsctl(args: string[], options?: { env?: Record<string, string>; input?: string }): Promise<KmsctlRun>;
  versionCount(keyId: string): Promise<number>;
  advanceClock(advance: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWorld(seed: SeedDocument): Promise<E2eWorld> {
  const emulator = await startEmulator({ port: 0, seed, freezeClock: true, accessKeyId: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_SECRET });
  const dir = await mkdtemp(join(tmpdir(), 'kmsctl-e2e-'));
  const env = { ...DEMO_CREDENTIALS, ...UNPACED, KMSCTL_ENDPOINT: emulator.url };
  const clients = createKmsClients({ env });
  return {
    emulator,
    dir,
    clients,
    env,
    async writeConfig(text, name = 'kmsctl.yaml') {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
    kmsctl: (args, options = {}) => runKmsctl(args, { cwd: dir, env: { ...env, ...options.env }, input: options.input }),
    async versionCount(keyId) {
      return (await clients.forRegion(emulator.region).listKeyVersions(keyId)).value.length;
    },
    async advanceClock(advance) {
      const response = await fetch(`${emulator.url}/_emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance }) });
      if (!response.ok) throw new Error(`clock advance failed: ${response.status}`);
    },
    async close() {
      await clients.close();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The JSON document a `--json` command printed. */
export function parseJson<T = Record<string, unknown>>(run: KmsctlRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.exitCode}):\n${run.stdout}\n--- stderr ---\n${run.stderr}`);
  }
}
