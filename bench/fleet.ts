/**
 * The benchmark's fleets: asymmetric keys spread evenly over (account, region) pairs, each key with an
 * alias and a number of versions 8 days apart, the newest 30 days old at BENCH_NOW.
 *
 * A fleet is built through the API, as a real account's keys are made: CreateKey and CreateAlias, then
 * rounds of CreateKeyVersion with the emulator's clock set 8 days further before each round, so every
 * record a run reads went through the service's rules. The emulator's quotas and latency are off while it
 * fills (the build is not measured), and keys of other accounts are made with credentials of that account
 * (STS AssumeRole), so the fleet belongs to the account the config names.
 */
import type { RunningEmulator } from '../dist/emulator/index.js';
import type { KmsClients } from '../dist/kms/client-factory.js';
import { runBounded } from '../dist/state/run-bounded.js';
import { setClock } from './emulator-admin.js';
import type { Pair } from './pairs.js';

/** The emulator clock when the fleets are read: fixed, so every run plans the same fleet the same way. */
export const BENCH_NOW = '2026-06-01T00:00:00Z';
const DAY_MS = 86_400_000;
const NEWEST_AGE_DAYS = 30;
const SPACING_DAYS = 8;

export interface FleetKey {
  /** The logical name in configs. */
  name: string;
  /** Index into the fleet's pairs. */
  pair: number;
  alias: string;
  /** Known once the fleet is built. */
  keyId: string;
  /** Oldest first; known once the fleet is built. */
  versionIds: string[];
}

export interface Fleet {
  label: string;
  pairs: Pair[];
  versionsPerKey: number;
  /** Keys in pair order: the first `keysPerPair` are in pair 0, and so on. */
  keys: FleetKey[];
}

/** A fleet's shape: `keysPerPair` keys in each pair, named `<prefix>00001...`. */
export function planFleet(label: string, prefix: string, pairs: Pair[], keysPerPair: number, versionsPerKey: number): Fleet {
  const keys = pairs.flatMap((_, pair) =>
    Array.from({ length: keysPerPair }, (_, i) => {
      const n = String(pair * keysPerPair + i + 1).padStart(5, '0');
      return { name: `${prefix}${n}`, pair, alias: `alias/bench-${prefix}-${n}`, keyId: '', versionIds: [] };
    }),
  );
  return { label, pairs, versionsPerKey, keys };
}

/** The keys of some pairs of a fleet (the first `count`), as a fleet of their own for a smaller run. */
export function firstPairs(fleet: Fleet, count: number): Fleet {
  const pairs = fleet.pairs.slice(0, count);
  return { ...fleet, pairs, keys: fleet.keys.filter((key) => key.pair < count) };
}

/** The first `perPair` keys of every pair: a sample spread like the fleet. */
export function samplePerPair(fleet: Fleet, perPair: number): FleetKey[] {
  const taken = new Map<number, number>();
  return fleet.keys.filter((key) => {
    const n = taken.get(key.pair) ?? 0;
    taken.set(key.pair, n + 1);
    return n < perPair;
  });
}

/** The creation time of version `index` (0-based) of a key with `count` versions. */
function versionDate(index: number, count: number): string {
  const ageDays = NEWEST_AGE_DAYS + (count - 1 - index) * SPACING_DAYS;
  return new Date(Date.parse(BENCH_NOW) - ageDays * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Builds the fleet through the API. Each round is one batch of calls: in the first, every key is created
 * with its alias; in each later one, every key gets a version. The clock is set (not advanced) for each
 * round, so the seconds a round takes do not add up over the rounds. Leaves the clock at BENCH_NOW;
 * returns the number of calls.
 */
export async function buildFleet(emulator: RunningEmulator, clients: KmsClients, fleet: Fleet, concurrency = 32): Promise<number> {
  let calls = 0;
  for (let round = 0; round < fleet.versionsPerKey; round++) {
    await setClock(emulator.url, versionDate(round, fleet.versionsPerKey));
    await runBounded(fleet.keys, concurrency, async (key: FleetKey) => {
      const pair = fleet.pairs[key.pair] as Pair;
      const api = clients.forAccount(pair.account, pair.region);
      if (round === 0) {
        const { value } = await api.createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' });
        await api.createAlias(key.alias, value.keyId);
        key.keyId = value.keyId;
        key.versionIds = [value.primaryKeyVersion ?? ''];
        calls += 2;
      } else {
        const { value } = await api.createKeyVersion(key.keyId);
        key.versionIds.push(value.keyVersionId);
        calls += 1;
      }
    });
  }
  await setClock(emulator.url, BENCH_NOW);
  return calls;
}

/** How many versions each key of `keys` has now, read with the fleet's clients (quotas off). */
export async function versionCounts(clients: KmsClients, fleet: Fleet, keys: readonly FleetKey[], concurrency = 32): Promise<number[]> {
  const counts = await runBounded(keys, concurrency, async (key: FleetKey) => {
    const pair = fleet.pairs[key.pair] as Pair;
    return (await clients.forAccount(pair.account, pair.region).listKeyVersions(key.keyId)).value.length;
  });
  return counts.map((n) => n ?? 0);
}
