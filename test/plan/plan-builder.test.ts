import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanBuilder, planKeys } from '../../src/plan/planner.js';
import { liveKeyRefOf } from '../../src/state/live-state.js';
import { worldArb, worldInput } from '../builders/arbitraries.js';
import { T0, datePlus, days, desiredKey, desiredState, found, liveKey, liveState } from '../builders/index.js';

describe('a plan built key by key as reads arrive', () => {
  it('equals the plan of the whole live state, whatever order the reads arrive in', () => {
    fc.assert(
      fc.property(
        worldArb.chain((world) => fc.tuple(fc.constant(world), fc.shuffledSubarray(world.keys.map((_, i) => i), { minLength: world.keys.length }))),
        ([world, order]) => {
          const { desired, live } = worldInput(world);
          const builder = new PlanBuilder(desired);
          for (const index of order) {
            const key = desired.keys[index]!;
            builder.add(key, live.keys.get(liveKeyRefOf(key)), world.nowMs);
          }
          expect(builder.finish(world.nowMs)).toEqual(planKeys(desired, live, new Date(world.nowMs)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds two entries resolving to one key whichever arrives first, and keeps what the plan saw of it', () => {
    const alias = desiredKey({ name: 'by-alias', keyId: 'alias/pay' });
    const id = desiredKey({ name: 'by-id', keyId: 'key-pay' });
    const read = found(liveKey({ keyId: 'key-pay' }));
    const nowMs = datePlus(T0, days(30)).getTime();
    const builder = new PlanBuilder(desiredState(alias, id));
    builder.add(id, read, nowMs);
    builder.add(alias, read, nowMs);
    const plan = builder.finish(nowMs);
    expect(plan.keys.map((key) => (key.action === 'error' ? key.error.code : key.action))).toEqual(['key.duplicate-target', 'key.duplicate-target']);
    expect(plan.keys.map((key) => key.observed?.keyId)).toEqual(['key-pay', 'key-pay']);
    expect(plan).toEqual(planKeys(desiredState(alias, id), liveState([alias, read], [id, read]), new Date(nowMs)));
  });

  it('plans an entry whose read never arrived as unread, as the whole-state planner does for a key it lacks', () => {
    const key = desiredKey({ name: 'lost', keyId: 'key-lost' });
    const nowMs = Date.parse(T0);
    const plan = new PlanBuilder(desiredState(key)).finish(nowMs);
    expect(plan).toEqual(planKeys(desiredState(key), liveState(), new Date(nowMs)));
    expect(plan.keys[0]!.action).toBe('error');
  });

  it('refuses an entry of another desired state, a bug in its caller', () => {
    const builder = new PlanBuilder(desiredState(desiredKey({ name: 'a', keyId: 'key-a' })));
    expect(() => builder.add(desiredKey({ name: 'a', keyId: 'key-a' }), undefined, 0)).toThrow(RangeError);
  });
});
