/**
 * Guarantee: the emulator's state survives a crash. A child `kmsctl emulator --state FILE` serves
 * clients creating versions concurrently and is killed with SIGKILL at seeded random moments, round
 * after round (the clock moves 8 days between rounds, so every key may get a version each round).
 * Every restart must load a valid state file holding every version a client was told was created:
 * the file is replaced atomically and durably (temp file, fsync, rename, directory fsync) before the
 * answer is sent.
 */
import { execa, type ResultPromise } from 'execa';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mulberry32 } from '../../src/emulator/faults/prng.js';
import { readStateFile } from '../../src/emulator/state-file.js';
import { createKmsClients } from '../../src/kms/client-factory.js';
import { DEMO_CREDENTIALS, KMSCTL_BIN } from '../e2e/run-kmsctl.js';
import { REGION, keyIdOf, reliabilitySeed } from './harness.js';
import { stringify } from 'yaml';

const KEYS = 40;
const ROUNDS = 6;
const EMULATOR_ENV = { KMS_EMULATOR_ACCESS_KEY_ID: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_ID, KMS_EMULATOR_ACCESS_KEY_SECRET: DEMO_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_SECRET };

interface Child {
  process: ResultPromise;
  url: string;
}

describe('emulator state under SIGKILL', () => {
  let dir: string;
  let stateFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kmsctl-crash-'));
    stateFile = join(dir, 'state.json');
    await writeFile(join(dir, 'seed.yaml'), stringify(reliabilitySeed(KEYS)));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Starts `kmsctl emulator` as a child and waits for its listening line. */
  async function startChild(): Promise<Child> {
    const child = execa('node', [KMSCTL_BIN, 'emulator', '--port', '0', '--state', stateFile, '--seed', 'seed.yaml'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', ...EMULATOR_ENV },
      extendEnv: false,
      reject: false,
      timeout: 30_000,
    });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const match = /^KMS emulator listening on (http:\/\/\S+)\n/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      child.then((result) => reject(new Error(`the emulator exited (${result.exitCode}): ${String(result.stderr)}`)), reject);
    });
    return { process: child, url };
  }

  test('every restart loads a valid file holding every acknowledged version', { timeout: 90_000 }, async () => {
    const random = mulberry32(20_260_110);
    const acknowledged = new Map<string, string>(); // version ID -> key ID
    const killMoments: number[] = [];

    for (let round = 0; round <= ROUNDS; round++) {
      const child = await startChild();
      // The restart loaded the file (the start fails on a damaged one); it must hold what clients were told.
      const saved = readStateFile(stateFile);
      expect(saved, 'the state file exists and is valid').toBeDefined();
      const persisted = new Map(saved!.keys.flatMap((key) => key.versions.map((v) => [v.keyVersionId, key.keyId] as const)));
      for (const [versionId, keyId] of acknowledged) expect(persisted.get(versionId), `acknowledged version ${versionId} of ${keyId}`).toBe(keyId);
      for (const key of saved!.keys) expect(key.versions.length).toBeLessThanOrEqual(round + 1);
      const clients = createKmsClients({ env: { ...DEMO_CREDENTIALS, KMSCTL_ENDPOINT: child.url } });
      const api = clients.forRegion(REGION);
      // The emulator serves what its file holds.
      const listed = await api.listKeyVersions(keyIdOf(0));
      expect(listed.value.map((v) => v.keyVersionId).sort()).toEqual(saved!.keys.find((k) => k.keyId === keyIdOf(0))!.versions.map((v) => v.keyVersionId).sort());
      if (round === ROUNDS) {
        child.process.kill('SIGTERM');
        expect((await child.process).exitCode).toBe(0);
        await clients.close();
        break;
      }

      const advanced = await fetch(`${child.url}/_emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advance":"8d"}' });
      expect(advanced.status).toBe(200);
      // Creates go out in a stream (one every 2 ms, all keys concurrently in flight) and the kill lands in it.
      const creates: Promise<void>[] = [];
      const sending = (async () => {
        for (let i = 0; i < KEYS; i++) {
          creates.push(
            api.createKeyVersion(keyIdOf(i)).then(
              ({ value }) => void acknowledged.set(value.keyVersionId, keyIdOf(i)),
              () => undefined, // killed before it answered: the client was told nothing
            ),
          );
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      })();
      const moment = 5 + Math.floor(random() * 100);
      killMoments.push(moment);
      await new Promise((resolve) => setTimeout(resolve, moment));
      child.process.kill('SIGKILL');
      await sending;
      await Promise.all(creates);
      expect((await child.process).signal).toBe("SIGKILL");
      if (process.env.RELIABILITY_DEBUG) console.log(`round ${round}: killed at ${moment} ms, ${acknowledged.size} acknowledged so far; files: ${(await readdir(dir)).join(" ")}`);
      await clients.close();
    }
    expect(acknowledged.size, `some creates were acknowledged before the kills at ${killMoments.join(', ')} ms`).toBeGreaterThan(0);
    expect((await stat(stateFile)).mode & 0o777).toBe(0o600);
    // A writer killed mid-write leaves its temp file; it is never read, and the next start removes it.
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
