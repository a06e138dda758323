/**
 * The benchmark's fleets: asymmetric keys spread over regions, each with an alias and a number of
 * versions 8 days apart, the newest 30 days old. Two ways to build them in an emulator:
 *
 * - `seed` (default): one seed document, applied in one step. Building through the API costs one
 *   emulator mutation per CreateKey/CreateAlias/CreateKeyVersion, and each mutation copies the whole
 *   store for its rollback, so 110,000 calls against a store growing to 10,000 keys take far longer
 *   than the measurement itself. The seed makes the same records (the emulator checks its keys,
 *   aliases and version order like API input) and the API answers from them exactly as from keys
 *   made by calls; `--fleet-via api` shows it on the same fleet shapes.
 * - `api`: CreateKey + CreateAlias, then rounds of CreateKeyVersion with the emulator clock moved
 *   8 days between rounds, 32 calls at a time, with no latency.
 */
import { randomUUID } from 'node:crypto';
import type { RunningEmulator, SeedDocument, SeedKey } from '../dist/emulator/index.js';
import type { KmsClients } from '../dist/kms/client-factory.js';
import { runBounded } from '../dist/state/run-bounded.js';
import { advanceClock, setClock } from './emulator-admin.js';

export const REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'ap-southeast-1', 'eu-central-1', 'us-west-1', 'cn-hongkong'] as const;

/** The emulator clock when the fleets are read: fixed, so every run plans the same fleet the same way. */
export const BENCH_NOW = '2026-06-01T00:00:00Z';
const DAY_MS = 86_400_000;
const NEWEST_AGE_DAYS = 30;
const SPACING_DAYS = 8;

export interface FleetKey {
  /** The logical name in configs. */
  name: string;
  region: string;
  alias: string;
  /** Known once the fleet is built. */
  keyId: string;
  /** Oldest first; known once the fleet is built. */
  versionIds: string[];
}

export interface Fleet {
  label: string;
  versionsPerKey: number;
  keys: FleetKey[];
}

/** A fleet's shape: `count` keys named `<prefix>00001...`, round-robin over `regions` regions. */
export function planFleet(label: string, prefix: string, count: number, versionsPerKey: number, regions: number): Fleet {
  const keys = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(5, '0');
    return { name: `${prefix}${n}`, region: REGIONS[i % regions] as string, alias: `alias/bench-${prefix}-${n}`, keyId: '', versionIds: [] };
  });
  return { label, versionsPerKey, keys };
}

/** The creation time of version `index` (0-based) of a key with `count` versions. */
function versionDate(index: number, count: number): string {
  const ageDays = NEWEST_AGE_DAYS + (count - 1 - index) * SPACING_DAYS;
  return new Date(Date.parse(BENCH_NOW) - ageDays * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Fills in IDs and returns the seed that makes the fleets. */
export function fleetSeed(fleets: Fleet[]): SeedDocument {
  const keys: SeedKey[] = [];
  for (const fleet of fleets) {
    for (const key of fleet.keys) {
      key.keyId = randomUUID();
      key.versionIds = Array.from({ length: fleet.versionsPerKey }, () => randomUUID());
      keys.push({
        id: key.keyId,
        region: key.region,
        spec: 'RSA_2048',
        usage: 'SIGN/VERIFY',
        aliases: [key.alias],
        versions: key.versionIds.map((id, i) => ({ id, creationDate: versionDate(i, fleet.versionsPerKey) })),
      });
    }
  }
  return { keys };
}

/**
 * Builds the fleets through the API: every fleet's newest version lands 30 days before BENCH_NOW,
 * versions 8 days apart, so the 7-day rule holds for each CreateKeyVersion. Leaves the clock at BENCH_NOW.
 */
export async function buildFleetsThroughApi(emulator: RunningEmulator, clients: KmsClients, fleets: Fleet[], concurrency = 32): Promise<number> {
  const rounds = Math.max(...fleets.map((f) => f.versionsPerKey));
  const calls = { count: 0 };
  await setClock(emulator.url, versionDate(0, rounds));
  for (let round = 0; round < rounds; round++) {
    if (round > 0) await advanceClock(emulator.url, `${SPACING_DAYS}d`);
    const starting = fleets.filter((f) => rounds - f.versionsPerKey === round).flatMap((f) => f.keys);
    const rotating = fleets.filter((f) => rounds - f.versionsPerKey < round).flatMap((f) => f.keys);
    await runBounded(starting, concurrency, async (key) => {
      const api = clients.forRegion(key.region);
      const { value } = await api.createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' });
      await api.createAlias(key.alias, value.keyId);
      key.keyId = value.keyId;
      key.versionIds = [value.primaryKeyVersion ?? ''];
      calls.count += 2;
    });
    await runBounded(rotating, concurrency, async (key) => {
      const { value } = await clients.forRegion(key.region).createKeyVersion(key.keyId);
      key.versionIds.push(value.keyVersionId);
      calls.count += 1;
    });
  }
  await setClock(emulator.url, BENCH_NOW);
  return calls.count;
}
