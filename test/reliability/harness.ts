/**
 * Shared set-up of the reliability tests: an emulator on port 0 seeded with N asymmetric keys whose
 * only version is 30 days old, a config that wants exactly one more version per key (one pinned, one
 * unpinned entry), kmsctl run in-process with captured output (fast) or spawned (as users run it),
 * and the emulator's fault endpoint.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import type { FaultConfig } from '../../src/emulator/faults/index.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator, type SeedDocument } from '../../src/emulator/index.js';
import { createKmsClients, type KmsClients } from '../../src/kms/client-factory.js';
import { DEMO_CREDENTIALS, runKmsctl, type KmsctlRun } from '../e2e/run-kmsctl.js';
import { UNPACED } from '../e2e/e2e-harness.js';

export const REGION = 'cn-hangzhou';

/** A stack trace line as node prints them. */
export const STACK_TRACE = /\n\s+at /;

export interface ReliabilityWorld {
  emulator: RunningEmulator;
  dir: string;
  clients: KmsClients;
  env: Record<string, string>;
  keyIds: string[];
  /** kmsctl in this process, with captured output. */
  cli(args: string[], options?: { env?: Record<string, string>; signal?: AbortSignal }): Promise<KmsctlRun>;
  /** The built kmsctl in a child process. */
  spawn(args: string[], options?: { env?: Record<string, string> }): Promise<KmsctlRun>;
  setFaults(config: FaultConfig): Promise<void>;
  clearFaults(): Promise<void>;
  advanceClock(advance: string): Promise<void>;
  /** Version IDs per key, read with a client of our own (faults must be off). */
  versions(): Promise<Map<string, string[]>>;
  close(): Promise<void>;
}

export function keyIdOf(index: number): string {
  return `key-rel${String(index).padStart(4, '0')}`;
}

export function firstVersionOf(index: number): string {
  return `0b6a39d1-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

/** N keys, each with one version 30 days old: each may get exactly one new version now. */
export function reliabilitySeed(count: number): SeedDocument {
  return {
    region: REGION,
    keys: Array.from({ length: count }, (_, i) => ({
      id: keyIdOf(i),
      spec: 'RSA_2048' as const,
      usage: 'SIGN/VERIFY' as const,
      creationDate: '-30d',
      versions: [{ id: firstVersionOf(i) }],
    })),
  };
}

/** A config that pins each key's version and asks for one more (an unpinned entry). */
export function reliabilityConfig(count: number): string {
  const keys = Array.from(
    { length: count },
    (_, i) => `  k${String(i).padStart(4, '0')}:\n    keyId: ${keyIdOf(i)}\n    versions:\n      - id: ${firstVersionOf(i)}\n      - label: next\n`,
  );
  return `version: 1\ndefaults:\n  region: ${REGION}\nkeys:\n${keys.join('')}`;
}

export async function startReliabilityWorld(count: number, options: EmulatorOptions = {}): Promise<ReliabilityWorld> {
  const emulator = await startEmulator({
    port: 0,
    seed: reliabilitySeed(count),
    freezeClock: true,
    env: {},
    accessKeyId: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_ID,
    accessKeySecret: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    ...options,
  });
  const dir = await mkdtemp(join(tmpdir(), 'kmsctl-reliability-'));
  await writeFile(join(dir, 'kmsctl.yaml'), reliabilityConfig(count));
  // Unpaced, as in the e2e tests (see UNPACED): the faults these tests inject, throttling among them, are the emulator's, not a quota's.
  const env: Record<string, string> = { ...DEMO_CREDENTIALS, ...UNPACED, KMSCTL_ENDPOINT: emulator.url };
  const clients = createKmsClients({ env });
  const keyIds = Array.from({ length: count }, (_, i) => keyIdOf(i));
  const admin = async (path: string, method: string, body?: unknown): Promise<void> => {
    const response = await fetch(`${emulator.url}/_emulator/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /_emulator/${path} failed: ${response.status} ${await response.text()}`);
  };
  return {
    emulator,
    dir,
    clients,
    env,
    keyIds,
    cli: (args, options = {}) => runInProcess(args, { cwd: dir, env: { ...env, ...options.env }, signal: options.signal }),
    spawn: (args, options = {}) => runKmsctl(args, { cwd: dir, env: { ...env, ...options.env } }),
    setFaults: (config) => admin('faults', 'POST', config),
    clearFaults: () => admin('faults', 'DELETE'),
    advanceClock: (advance) => admin('clock', 'POST', { advance }),
    async versions() {
      const api = clients.forRegion(REGION);
      const entries = await Promise.all(keyIds.map(async (keyId) => [keyId, (await api.listKeyVersions(keyId)).value.map((v) => v.keyVersionId)] as const));
      return new Map(entries);
    },
    async close() {
      await clients.close();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs kmsctl's entry point in this process, as bin/kmsctl.js would, with output captured. */
export async function runInProcess(args: string[], options: { cwd: string; env: Record<string, string>; signal?: AbortSignal | undefined }): Promise<KmsctlRun> {
  const out: string[] = [];
  const err: string[] = [];
  const context: CommandContext = {
    stdout: { write: (text) => void out.push(text), isTTY: false },
    stderr: { write: (text) => void err.push(text), isTTY: false },
    env: options.env,
    cwd: options.cwd,
    prompt: undefined,
    signal: options.signal ?? new AbortController().signal,
    debug: args.includes('--debug'),
  };
  const exitCode = await runCli(args, context);
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

/** What an apply result line says after the key's name, per outcome (render/apply-text.ts). */
const OUTCOME_START: Record<string, string> = { created: 'created version', failed: 'failed: ', 'not-started': 'not started', skipped: 'skipped: ', deferred: 'deferred: ' };

/**
 * The apply result lines (`! name: failed: message [code, RequestId X]`) of an output, each with its
 * wrapped continuation lines joined back.
 */
export function resultLines(output: string, outcome: string): string[] {
  const joined = output.replace(/\n {4}(?=\S)/g, ' ');
  const start = OUTCOME_START[outcome] ?? `${outcome}: `;
  return joined.split('\n').filter((line) => new RegExp(`^. \\S+: ${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(line));
}
