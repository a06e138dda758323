/**
 * The benchmark's fleets: asymmetric keys spread over regions, each with an alias and a number of
 * versions 8 days apart, the newest 30 days old. Two ways to build them in an emulator:
 *
 * - `api` (default): CreateKey + CreateAlias, then rounds of CreateKeyVersion with the emulator clock
 *   set 8 days further before each round, 32 calls at a time, with no latency. The fleets are made the
 *   way a real account's are, so every record the plan reads went through the service's rules. A call
 *   costs the emulator what it touches (its store journals changes instead of copying itself), so the
 *   time goes to HTTP and signing: the default fleets (about 131,000 calls) take a minute or two.
 * - `seed` (`--fleet-via seed`): one seed document, applied in one step, in about a second. The emulator
 *   checks a seed's keys, aliases and version order like API input and answers from them exactly as
 *   from keys made by calls; the versions' dates are exact, where through the API they are the round's
 *   date plus the seconds the round took.
 */
import { randomUUID } from 'node:crypto';
import type { RunningEmulator, SeedDocument, SeedKey } from '../dist/emulator/index.js';
import type { KmsClients } from '../dist/kms/client-factory.js';
import { runBounded } from '../dist/state/run-bounded.js';
import { setClock } from './emulator-admin.js';

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
 * versions 8 days apart, so the 7-day rule holds for each CreateKeyVersion. A round is one batch of
 * calls: keys whose fleet starts in this round are created with their alias, the others get a version.
 * The clock is set (not advanced) for each round, so the seconds a round takes do not add up over 50
 * rounds. Leaves the clock at BENCH_NOW; returns the number of calls.
 */
export async function buildFleetsThroughApi(emulator: RunningEmulator, clients: KmsClients, fleets: Fleet[], concurrency = 32): Promise<number> {
  const rounds = Math.max(...fleets.map((f) => f.versionsPerKey));
  let calls = 0;
  for (let round = 0; round < rounds; round++) {
    await setClock(emulator.url, versionDate(round, rounds));
    const work = fleets.flatMap((fleet) => {
      const firstRound = rounds - fleet.versionsPerKey;
      return round < firstRound ? [] : fleet.keys.map((key) => ({ key, create: round === firstRound }));
    });
    await runBounded(work, concurrency, async ({ key, create }) => {
      const api = clients.forRegion(key.region);
      if (create) {
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
