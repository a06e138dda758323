/**
 * Reads the live state of the declared keys, per (account, region): every location at once, each with
 * its own concurrency, all of them within `parallelism` (see run-by-location.ts). Each distinct key is
 * read once, however many entries declare it.
 *
 * - `readForPlan`: the fewest calls a plan needs. DescribeKey for every key; ListKeyVersions only where
 *   the plan needs versions (declared `versions`, or a rotation that is due: src/plan/read-needs.ts);
 *   DescribeKeyVersion only for a pinned ID the listing lacks; GetKmsInstance once per instance, only
 *   for instance keys that want a version.
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
  pinned: Set<string>;
}

interface ReadContext {
  api: KeyApi;
  location: KeyLocation;
  instances: InstanceReads;
  nowMs: () => number;
}

/** What the plan needs, with the fewest calls. */
export function readForPlan(keys: readonly DesiredKey[], apis: KeyApis, options: ReadLiveStateOptions): Promise<LiveState<LiveKeyFacts>> {
  return readTargets(keys, apis, options, async (target, context): Promise<LiveKeyFacts> => {
    const metadata = await describeLiveKey(context.api, target.keyId);
    const listed = listingNeeded(target.keys, metadata, context.nowMs());
    const versions = listed ? await listLiveVersions(context.api, metadata.keyId, target.pinned) : undefined;
    return withInstance({ metadata, versions }, target, context, 'when-wanted');
  });
}

/** Every key in full: its versions and, for a key in a KMS instance, the instance's kind. */
export function readForShow(keys: readonly DesiredKey[], apis: KeyApis, options: ReadLiveStateOptions): Promise<LiveState<LiveKey>> {
  return readTargets(keys, apis, options, async (target, context) => withInstance(await readListed(target, context), target, context, 'always'));
}

/**
 * Every key's versions, and the instance of instance keys that want a version. Kept for callers with
 * per-region clients (the base identity only); raises the first failure of a whole location.
 */
export async function readLiveState(keys: readonly DesiredKey[], apis: KeyApis | RegionalKeyApis, options: ReadLiveStateOptions): Promise<LiveState> {
  const state = await readTargets(keys, asKeyApis(apis), options, async (target, context) => withInstance(await readListed(target, context), target, context, 'when-wanted'));
  const failure = state.failures?.[0];
  if (failure !== undefined) throw failure.error;
  return state;
}

async function readListed(target: Target, context: ReadContext): Promise<LiveKey> {
  const metadata = await describeLiveKey(context.api, target.keyId);
  return { metadata, versions: await listLiveVersions(context.api, metadata.keyId, target.pinned) };
}

/** Adds GetKmsInstance's answer (one call per instance and location) for a key in an instance: always, or when it wants a version. */
async function withInstance<K extends LiveKeyFacts>(key: K, target: Target, context: ReadContext, when: 'always' | 'when-wanted'): Promise<K> {
  const instanceId = key.metadata.dkmsInstanceId ?? '';
  if (instanceId === '' || (when === 'when-wanted' && !instanceNeeded(target.keys, key, context.nowMs()))) return key;
  return { ...key, instance: await context.instances.read(context.api, context.location, instanceId) };
}

async function readTargets<K extends LiveKeyFacts>(
  keys: readonly DesiredKey[],
  apis: KeyApis,
  options: ReadLiveStateOptions,
  readOne: (target: Target, context: ReadContext) => Promise<K>,
): Promise<LiveState<K>> {
  const targets = distinctTargets(keys);
  const groups = groupByLocation(targets, (target) => target.location);
  const instances = new InstanceReads();
  const now = options.now ?? (() => new Date());
  const failures: LocationFailure[] = [];
  const failureOf = new Map<string, LocationFailure>();
  let done = 0;
  const reads = await runByLocation(groups, options, async (target, { location, halt }): Promise<LiveKeyRead<K>> => {
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
    options.onKeyRead?.(++done, targets.length);
    return read;
  });
  if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('interrupted');
  const state: LiveState<K> = { keys: new Map(), failures };
  groups.forEach((group, g) => {
    const failure = failureOf.get(locationRef(group.location));
    group.items.forEach((target, i) => {
      const read = reads[g]?.[i];
      // A key never started because its location failed as a whole fails with that failure.
      const value = read ?? (failure && { status: 'failed' as const, code: failure.code, message: failure.message, requestId: failure.requestId });
      if (value) state.keys.set(target.ref, value);
    });
  });
  return state;
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
      target = { location: { account: key.account, region: key.region }, keyId: key.keyId, ref, keys: [], pinned: new Set() };
      targets.set(ref, target);
    }
    target.keys.push(key);
    for (const version of key.versions) if (version.kind === 'pinned') target.pinned.add(version.id);
  }
  return [...targets.values()];
}
