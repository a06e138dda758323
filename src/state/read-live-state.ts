/**
 * Reads the live state of the declared keys, per (account, region): every location at once, each with
 * its own concurrency, all of them within `parallelism` (see run-by-location.ts). Each distinct key is
 * read once, however many entries declare it.
 *
 * - `readForPlan`: the fewest calls a plan needs. DescribeKey for every key; ListKeyVersions only where
 *   the plan needs versions (declared `versions`, or a rotation that is due: src/plan/read-needs.ts);
 *   DescribeKeyVersion only for a pinned ID the listing lacks; GetKmsInstance once per instance, only
 *   for instance keys that want a version. `streamForPlan` reads the same, handing each key's read on as
 *   it is made instead of keeping a live state (the planner plans it and drops it).
 * - `readForShow`: every key in full (its versions, and its instance's kind).
 * - `readLiveState`: every key's versions, for callers that still take per-region clients; a failure of
 *   a whole location ends it by raising that failure, as before locations existed.
 *
 * A failure every key of a location would meet (its credentials refused, a role that cannot be assumed,
 * no route to the endpoint) fails that location's keys, each with the code, message and request ID, starts
 * no further call there, and leaves every other location alone; `LiveState.failures` lists them once each.
 */
import type { DesiredKey } from '../config/desired-state.js';
import { instanceNeeded, listingNeeded } from '../plan/read-needs.js';
import { asKeyApis, locationRef, type KeyApi, type KeyApis, type KeyLocation, type RegionalKeyApis } from './key-api.js';
import { InstanceReads } from './instance-reads.js';
import { liveKeyRefOf, type LiveKey, type LiveKeyFacts, type LiveKeyRead, type LiveState, type LocationFailure } from './live-state.js';
import { classifyReadFailure } from './read-failure.js';
import { describeLiveKey, listLiveVersions } from './read-key.js';
import { groupByLocation, runByLocation } from './run-by-location.js';

export { failedRead, readKey } from './read-key.js';

export interface ReadLiveStateOptions {
  /** Keys read at once over all locations. */
  parallelism: number;
  /** Keys read at once per location; default `parallelism`. */
  perLocation?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Called after each distinct key is read, for progress lines. */
  onKeyRead?: ((done: number, total: number) => void) | undefined;
  /** The time rotation is judged at when deciding what to read (give the service's clock); default local time. */
  now?: (() => Date) | undefined;
}

/** One distinct key of one location, with every entry that declares it. */
interface Target {
  location: KeyLocation;
  keyId: string;
  ref: string;
  keys: DesiredKey[];
}

interface ReadContext {
  api: KeyApi;
  location: KeyLocation;
  instances: InstanceReads;
  nowMs: () => number;
}

/** What the plan needs, with the fewest calls. */
export function readForPlan(keys: readonly DesiredKey[], apis: KeyApis, options: ReadLiveStateOptions): Promise<LiveState<LiveKeyFacts>> {
  return collectTargets(keys, apis, options, readPlanFacts);
}

/**
 * `readForPlan` without a live state: each distinct key's read goes to `onRead`, with the entries that
 * declare it, as soon as it is made, and is dropped once `onRead` returns, so the reads of a whole fleet
 * never exist at once. Resolves to the locations that failed as a whole.
 */
export function streamForPlan(
  keys: readonly DesiredKey[],
  apis: KeyApis,
  options: ReadLiveStateOptions,
  onRead: (entries: readonly DesiredKey[], read: LiveKeyRead<LiveKeyFacts>) => void,
): Promise<LocationFailure[]> {
  return readTargets(keys, apis, options, readPlanFacts, (target, read) => onRead(target.keys, read));
}

async function readPlanFacts(target: Target, context: ReadContext): Promise<LiveKeyFacts> {
  const metadata = await describeLiveKey(context.api, target.keyId);
  const listed = listingNeeded(target.keys, metadata, context.nowMs());
  const versions = listed ? await listLiveVersions(context.api, metadata.keyId, pinnedIds(target)) : undefined;
  return withInstance({ metadata, versions }, target, context, 'when-wanted');
}

/** Every key in full: its versions and, for a key in a KMS instance, the instance's kind. */
export function readForShow(keys: readonly DesiredKey[], apis: KeyApis, options: ReadLiveStateOptions): Promise<LiveState<LiveKey>> {
  return collectTargets(keys, apis, options, async (target, context) => withInstance(await readListed(target, context), target, context, 'always'));
}

/**
 * Every key's versions, and the instance of instance keys that want a version. Kept for callers with
 * per-region clients (the base identity only); raises the first failure of a whole location.
 */
export async function readLiveState(keys: readonly DesiredKey[], apis: KeyApis | RegionalKeyApis, options: ReadLiveStateOptions): Promise<LiveState> {
  const state = await collectTargets(keys, asKeyApis(apis), options, async (target, context) => withInstance(await readListed(target, context), target, context, 'when-wanted'));
  const failure = state.failures?.[0];
  if (failure !== undefined) throw failure.error;
  return state;
}

async function readListed(target: Target, context: ReadContext): Promise<LiveKey> {
  const metadata = await describeLiveKey(context.api, target.keyId);
  return { metadata, versions: await listLiveVersions(context.api, metadata.keyId, pinnedIds(target)) };
}

/** Adds GetKmsInstance's answer (one call per instance and location) for a key in an instance: always, or when it wants a version. */
async function withInstance<K extends LiveKeyFacts>(key: K, target: Target, context: ReadContext, when: 'always' | 'when-wanted'): Promise<K> {
  const instanceId = key.metadata.dkmsInstanceId ?? '';
  if (instanceId === '' || (when === 'when-wanted' && !instanceNeeded(target.keys, key, context.nowMs()))) return key;
  return { ...key, instance: await context.instances.read(context.api, context.location, instanceId) };
}

/**
 * Reads every distinct key and hands each read to `onRead` as soon as it is made (a key never started
 * because its location failed as a whole, at the end, with that failure). Keeps none of the reads itself.
 */
async function readTargets<K extends LiveKeyFacts>(
  keys: readonly DesiredKey[],
  apis: KeyApis,
  options: ReadLiveStateOptions,
  readOne: (target: Target, context: ReadContext) => Promise<K>,
  onRead: (target: Target, read: LiveKeyRead<K>) => void,
): Promise<LocationFailure[]> {
  const targets = distinctTargets(keys);
  const groups = groupByLocation(targets, (target) => target.location);
  const instances = new InstanceReads();
  const now = options.now ?? (() => new Date());
  const failures: LocationFailure[] = [];
  const failureOf = new Map<string, LocationFailure>();
  let done = 0;
  const started = await runByLocation(groups, options, async (target, { location, halt }): Promise<true> => {
    const read = await readTarget(target, apis, instances, now, readOne).then(
      (key): LiveKeyRead<K> => ({ status: 'found', key }),
      (error: unknown): LiveKeyRead<K> => {
        const failure = classifyReadFailure(error);
        if (failure.scope === 'location' && !failureOf.has(locationRef(location))) {
          halt();
          const recorded = { location, code: failure.code, message: failure.message, requestId: failure.requestId, error };
          failureOf.set(locationRef(location), recorded);
          failures.push(recorded);
        }
        if (failure.status === 'not-found') return { status: 'not-found', code: failure.code, message: failure.message, requestId: failure.requestId ?? '' };
        return { status: 'failed', code: failure.code, message: failure.message, requestId: failure.requestId };
      },
    );
    onRead(target, read);
    options.onKeyRead?.(++done, targets.length);
    return true;
  });
  if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('interrupted');
  groups.forEach((group, g) => {
    const failure = failureOf.get(locationRef(group.location));
    if (failure === undefined) return;
    // A key never started because its location failed as a whole fails with that failure.
    group.items.forEach((target, i) => {
      if (started[g]?.[i] === undefined) onRead(target, { status: 'failed', code: failure.code, message: failure.message, requestId: failure.requestId });
    });
  });
  return failures;
}

/** `readTargets` keeping every read in a live state, for callers that need the whole fleet at once. */
async function collectTargets<K extends LiveKeyFacts>(
  keys: readonly DesiredKey[],
  apis: KeyApis,
  options: ReadLiveStateOptions,
  readOne: (target: Target, context: ReadContext) => Promise<K>,
): Promise<LiveState<K>> {
  const reads = new Map<string, LiveKeyRead<K>>();
  const failures = await readTargets(keys, apis, options, readOne, (target, read) => reads.set(target.ref, read));
  return { keys: reads, failures };
}

function readTarget<K extends LiveKeyFacts>(
  target: Target,
  apis: KeyApis,
  instances: InstanceReads,
  now: () => Date,
  readOne: (target: Target, context: ReadContext) => Promise<K>,
): Promise<K> {
  // Getting a location's client may itself fail (a malformed region): that is the location's failure.
  return Promise.resolve()
    .then(() => apis.forLocation(target.location))
    .then((api) => readOne(target, { api, location: target.location, instances, nowMs: () => now().getTime() }));
}

function distinctTargets(keys: readonly DesiredKey[]): Target[] {
  const targets = new Map<string, Target>();
  for (const key of keys) {
    const ref = liveKeyRefOf(key);
    let target = targets.get(ref);
    if (!target) {
      target = { location: { account: key.account, region: key.region }, keyId: key.keyId, ref, keys: [] };
      targets.set(ref, target);
    }
    target.keys.push(key);
  }
  return [...targets.values()];
}

/**
 * The version IDs the entries of a target pin, made when the key is read rather than kept with every
 * target from the start: a set per key for a whole fleet held about 3 MB through a 10,000-key read.
 */
function pinnedIds(target: Target): Set<string> {
  const pinned = new Set<string>();
  for (const key of target.keys) for (const version of key.versions) if (version.kind === 'pinned') pinned.add(version.id);
  return pinned;
}
