/**
 * fast-check arbitraries of whole worlds (declared keys + their live state + a time), for property tests
 * of the planner and of everything that consumes plans.
 */
import fc from 'fast-check';
import type { DesiredKey, DesiredState, DesiredVersion } from '../../src/config/desired-state.js';
import { ASYMMETRIC_KEY_SPECS, KEY_SPECS, KEY_STATES } from '../../src/kms/wire/enums.js';
import { planKeys } from '../../src/plan/planner.js';
import type { Plan } from '../../src/plan/types.js';
import type { LiveKey, LiveKeyFacts, LiveKeyRead, LiveState } from '../../src/state/live-state.js';
import { desiredKey, desiredState, pinned, unpinned } from './desired-state.js';
import { found, liveKey, liveState, notFound, versionId } from './live-state.js';
import { DAY_MS, SECOND_MS, T0 } from './time.js';

export const NOW_MS = Date.parse(T0) + 365 * DAY_MS;

export interface World {
  keys: {
    exists: boolean;
    live: LiveKey;
    versions: DesiredVersion[];
    rotationSeconds: number | undefined;
    maxVersions: number | undefined;
  }[];
  nowMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * One key: any spec, state, origin and store (mostly ones that can get versions), 1..55 versions, and
 * entries: unpinned ones and pins of its versions (now and then of an ID it does not have).
 */
const keyArb = fc.integer({ min: 1, max: 55 }).chain((versionCount) =>
  fc.record({
    /** One key in ten is missing from the service. */
    exists: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
    spec: fc.oneof({ arbitrary: fc.constantFrom(...ASYMMETRIC_KEY_SPECS), weight: 4 }, { arbitrary: fc.constantFrom(...KEY_SPECS), weight: 1 }),
    state: fc.oneof({ arbitrary: fc.constant('Enabled'), weight: 4 }, { arbitrary: fc.constantFrom(...KEY_STATES), weight: 1 }),
    origin: fc.oneof({ arbitrary: fc.constant('Aliyun_KMS'), weight: 6 }, { arbitrary: fc.constant('EXTERNAL'), weight: 1 }),
    /** Mostly classic keys; some in a KMS instance, of either kind, known from GetKmsInstance or only from ProtectionLevel. */
    dkms: fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: fc.constant('kst-1'), weight: 2 }),
    protectionLevel: fc.constantFrom<'SOFTWARE' | 'HSM'>('SOFTWARE', 'SOFTWARE', 'HSM'),
    instanceKind: fc.constantFrom<'software' | 'hardware' | undefined>('software', 'hardware', undefined),
    versionCount: fc.constant(versionCount),
    newestAgeSec: fc.integer({ min: 0, max: 40 * 86_400 }),
    stepSec: fc.integer({ min: 0, max: 20 * 86_400 }),
    lastRotationShiftSec: fc.option(fc.integer({ min: -10 * 86_400, max: 10 * 86_400 }), { nil: undefined }),
    entries: fc.array(
      fc.oneof(
        { arbitrary: fc.constant<'unpinned'>('unpinned'), weight: 12 },
        { arbitrary: fc.integer({ min: 1, max: versionCount }), weight: 3 },
        { arbitrary: fc.integer({ min: versionCount + 1, max: versionCount + 5 }), weight: 1 },
      ),
      { maxLength: 60 },
    ),
    rotationDays: fc.option(fc.integer({ min: 7, max: 120 }), { nil: undefined }),
    maxVersions: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
  }),
);

/** One to four keys named k0.. with key IDs key-0.., planned a year after T0 (plus up to 999 ms). */
export const worldArb: fc.Arbitrary<World> = fc
  .record({ keys: fc.array(keyArb, { minLength: 1, maxLength: 4 }), nowJitterMs: fc.integer({ min: 0, max: 999 }) })
  .map(({ keys, nowJitterMs }) => {
    const nowMs = NOW_MS + nowJitterMs;
    return {
      nowMs,
      keys: keys.map((k, i) => {
        const newest = NOW_MS - k.newestAgeSec * SECOND_MS;
        const dates = Array.from({ length: k.versionCount }, (_, v) => iso(newest - (k.versionCount - 1 - v) * k.stepSec * SECOND_MS));
        const live = liveKey({
          keyId: `key-${i}`,
          versions: dates,
          metadata: {
            keySpec: k.spec,
            keyState: k.state,
            origin: k.origin,
            dkmsInstanceId: k.dkms,
            protectionLevel: k.protectionLevel,
            ...(k.lastRotationShiftSec === undefined ? {} : { lastRotationDate: iso(newest + k.lastRotationShiftSec * SECOND_MS) }),
          },
          ...(k.dkms === undefined || k.instanceKind === undefined ? {} : { instance: { status: 'read' as const, instanceId: k.dkms, kind: k.instanceKind } }),
        });
        const versions = k.entries.map((e) => (e === 'unpinned' ? unpinned() : pinned(versionId(e))));
        const rotationSeconds = k.rotationDays === undefined ? undefined : k.rotationDays * 86_400;
        return { exists: k.exists, live, versions, rotationSeconds, maxVersions: k.maxVersions };
      }),
    };
  });

/** Plans a world with the real planner. */
/** The desired state and live state a world stands for. */
export function worldInput(world: World): { desired: DesiredState; live: LiveState<LiveKeyFacts> } {
  const keys = world.keys.map((k, i) =>
    desiredKey({
      name: `k${i}`,
      keyId: `key-${i}`,
      versions: k.versions,
      rotation: k.rotationSeconds === undefined ? undefined : { maxAgeSeconds: k.rotationSeconds, maxAge: `${k.rotationSeconds}s` },
      maxVersions: k.maxVersions,
    }),
  );
  const live = liveState(
    ...keys.map((key, i): [DesiredKey, LiveKeyRead<LiveKeyFacts>] => [key, world.keys[i]!.exists ? found(world.keys[i]!.live) : notFound()]),
  );
  return { desired: desiredState(...keys), live };
}

export function planWorld(world: World): Plan {
  const { desired, live } = worldInput(world);
  return planKeys(desired, live, new Date(world.nowMs));
}
