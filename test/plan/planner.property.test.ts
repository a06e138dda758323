import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_KEY_VERSIONS, isAsymmetricKeySpec, isSymmetricKeySpec } from '../../src/kms/wire/enums.js';
import type { KeyPlan, PlanSummary } from '../../src/plan/types.js';
import type { LiveKey } from '../../src/state/live-state.js';
import { planWorld, worldArb } from '../builders/arbitraries.js';
import { DAY_MS } from '../builders/time.js';

function lastVersionMs(live: LiveKey): number {
  const newest = live.versions[live.versions.length - 1]!;
  return Math.max(Date.parse(newest.creationDate), Date.parse(live.metadata.lastRotationDate ?? newest.creationDate));
}

function recount(keys: readonly KeyPlan[]): PlanSummary {
  return {
    create: keys.filter((k) => k.action === 'create').length,
    deferred: keys.filter((k) => k.action === 'deferred').length,
    error: keys.filter((k) => k.action === 'error').length,
    noop: keys.filter((k) => k.action === 'no-op').length,
    drift: keys.reduce((n, k) => n + k.drift.length, 0),
  };
}

const RUNS = { numRuns: 400 };

describe('planner invariants', () => {
  it('gives every declared key exactly one outcome, in config order, with at most one create', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const plan = planWorld(world);
        expect(plan.keys.map((k) => k.name)).toEqual(world.keys.map((_, i) => `k${i}`));
        for (const key of plan.keys) {
          if (key.action === 'create') {
            expect(key.create).toBeDefined();
            expect(key.remaining).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('never creates before max(LastRotationDate, newest version) + 7 days', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        planWorld(world).keys.forEach((key, i) => {
          if (key.action !== 'create') return;
          expect(world.nowMs).toBeGreaterThanOrEqual(lastVersionMs(world.keys[i]!.live) + 7 * DAY_MS);
        });
      }),
      RUNS,
    );
  });

  it('never creates on a key at its cap, nor on a key the rules of its edition refuse', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        planWorld(world).keys.forEach((key, i) => {
          if (key.action !== 'create' && key.action !== 'deferred') return;
          const w = world.keys[i]!;
          const { metadata } = w.live;
          const cap = Math.min(MAX_KEY_VERSIONS, w.maxVersions ?? MAX_KEY_VERSIONS);
          expect(w.live.versions.length).toBeLessThan(cap);
          expect(metadata.keyState).toBe('Enabled');
          expect(metadata.origin).not.toBe('EXTERNAL');
          if (metadata.dkmsInstanceId === undefined) {
            // The classic shared KMS: asymmetric keys only.
            expect(isAsymmetricKeySpec(metadata.keySpec)).toBe(true);
          } else {
            // A KMS instance: symmetric keys of a software instance only; the kind is GetKmsInstance's, else the ProtectionLevel's.
            const kind = w.live.instance?.status === 'read' ? w.live.instance.kind : metadata.protectionLevel === 'HSM' ? 'hardware' : 'software';
            expect(kind).toBe('software');
            expect(isSymmetricKeySpec(metadata.keySpec)).toBe(true);
          }
        });
      }),
      RUNS,
    );
  });

  it('matches every pin or reports the key as an error', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        planWorld(world).keys.forEach((key, i) => {
          const w = world.keys[i]!;
          if (!w.exists) return expect(key.action).toBe('error');
          const live = new Set(w.live.versions.map((v) => v.keyVersionId));
          w.versions.forEach((version, entry) => {
            if (version.kind !== 'pinned') return;
            const matched = key.matches.some((m) => m.entry === entry && m.pinned && m.versionId === version.id);
            if (!matched) {
              expect(key.action).toBe('error');
              if (key.action === 'error') expect(['version.pinned-missing', 'version.pinned-duplicate']).toContain(key.error.code);
            }
            if (!live.has(version.id) && key.action === 'error') expect(key.error.code).toBe('version.pinned-missing');
          });
        });
      }),
      RUNS,
    );
  });

  it('splits the live versions into matched and drift, without overlap, for keys that list versions', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        planWorld(world).keys.forEach((key, i) => {
          const w = world.keys[i]!;
          if (!w.exists) return;
          if (w.versions.length === 0) {
            expect(key.drift).toEqual([]);
            return;
          }
          const ids = [...key.matches.map((m) => m.versionId), ...key.drift.map((d) => d.versionId)].sort();
          expect(ids).toEqual(w.live.versions.map((v) => v.keyVersionId).sort());
        });
      }),
      RUNS,
    );
  });

  it('keeps the summary equal to the per-key actions', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const plan = planWorld(world);
        expect(plan.summary).toEqual(recount(plan.keys));
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input gives the same plan', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        expect(planWorld(world)).toStrictEqual(planWorld(world));
      }),
      RUNS,
    );
  });
});

describe('the world generator', () => {
  it('reaches every outcome and every error code', () => {
    const seen = new Set<string>();
    for (const world of fc.sample(worldArb, { numRuns: 2000, seed: 20260101 })) {
      planWorld(world).keys.forEach((key, i) => {
        seen.add(key.action === 'error' ? key.error.code : key.action);
        if (key.action === 'create' && key.remaining > 0) seen.add('create-with-remaining');
        if (key.action === 'create' && world.keys[i]!.live.metadata.dkmsInstanceId !== undefined) seen.add('create-in-instance');
      });
    }
    expect([...seen].sort()).toEqual(
      [
        'create',
        'create-with-remaining',
        'create-in-instance',
        'deferred',
        'no-op',
        'key.not-found',
        'key.not-enabled',
        'key.symmetric',
        'key.external',
        'key.asymmetric-in-instance',
        'key.hardware-instance',
        'key.limit-reached',
        'version.pinned-missing',
        'version.pinned-duplicate',
      ].sort(),
    );
  });
});
