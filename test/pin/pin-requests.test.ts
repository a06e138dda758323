import { describe, expect, it } from 'vitest';
import type { ApplyReport } from '../../src/apply/apply-report.js';
import { summarizeApply } from '../../src/apply/apply-report.js';
import type { KeyLocations } from '../../src/config-edit/key-locations.js';
import { pinRequestsFromApply, pinRequestsFromPlan } from '../../src/config-edit/pin-requests.js';
import { planKeys } from '../../src/plan/planner.js';
import { datePlus, days, desiredKey, desiredState, found, isoPlus, liveKey, liveState, notFound, pinned, T0, unpinned, versionId } from '../builders/index.js';

const config: KeyLocations = {
  files: ['a.yaml', 'b.yaml'],
  keys: new Map([
    ['signing', { file: 'b.yaml', listsVersions: true }],
    ['legacy', { file: 'a.yaml', listsVersions: true }],
    ['missing', { file: 'a.yaml', listsVersions: false }],
    ['rotating', { file: 'a.yaml', listsVersions: false }],
  ]),
};

function world() {
  const signing = desiredKey({ name: 'signing', keyId: 'key-signing', versions: [pinned(versionId(1)), unpinned('q4'), unpinned()] });
  const legacy = desiredKey({ name: 'legacy', keyId: 'key-legacy', versions: [pinned(versionId(1))] });
  const missing = desiredKey({ name: 'missing', keyId: 'alias/missing', rotation: '30d' });
  const live = liveState(
    [signing, found(liveKey({ keyId: 'key-signing', versions: [T0, isoPlus(T0, days(10)), isoPlus(T0, days(20))] }))],
    [legacy, found(liveKey({ keyId: 'key-legacy', versions: [T0, isoPlus(T0, days(10)), isoPlus(T0, days(20))] }))],
    [missing, notFound()],
  );
  return planKeys(desiredState(signing, legacy, missing), live, datePlus(T0, days(30)));
}

describe('pinRequestsFromPlan', () => {
  it('pins each unpinned entry to the live version the planner matched, grouped by file in reading order', () => {
    const requests = pinRequestsFromPlan(world(), config, { adopt: false });
    expect(requests.files).toEqual([
      {
        file: 'b.yaml',
        pins: [
          { key: 'signing', entry: 1, label: 'q4', versionId: versionId(2) },
          { key: 'signing', entry: 2, expectNoLabel: true, versionId: versionId(3) },
        ],
        adopts: [],
      },
    ]);
    expect(requests.unadopted).toBe(2);
    expect(requests.unread).toEqual([{ name: 'missing', reason: expect.stringContaining('key.not-found') }]);
  });

  it('with adopt, appends the drifted versions oldest first with their creation date', () => {
    const requests = pinRequestsFromPlan(world(), config, { adopt: true });
    expect(requests.files[0]).toEqual({
      file: 'a.yaml',
      pins: [],
      adopts: [
        { key: 'legacy', versionId: versionId(2), comment: `adopted: created ${isoPlus(T0, days(10)).replace(/\.\d+Z$/, 'Z')}` },
        { key: 'legacy', versionId: versionId(3), comment: `adopted: created ${isoPlus(T0, days(20)).replace(/\.\d+Z$/, 'Z')}` },
      ],
    });
    expect(requests.unadopted).toBe(0);
  });
});

describe('pinRequestsFromApply', () => {
  const declared = desiredKey({ name: 'signing', keyId: 'key-signing', versions: [pinned(versionId(1)), unpinned('q4')] });
  const rotating = desiredKey({ name: 'rotating', keyId: 'key-rotating', rotation: '30d' });
  const listed = desiredKey({ name: 'legacy', keyId: 'key-legacy', versions: [pinned(versionId(1))], rotation: '30d' });
  const plan = planKeys(
    desiredState(declared, rotating, listed),
    liveState(
      [declared, found(liveKey({ keyId: 'key-signing', versions: [T0] }))],
      [rotating, found(liveKey({ keyId: 'key-rotating', versions: [T0] }))],
      [listed, found(liveKey({ keyId: 'key-legacy', versions: [T0] }))],
    ),
    datePlus(T0, days(40)),
  );
  const created = ['11111111-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000002', '33333333-0000-4000-8000-000000000003'];
  const results = plan.keys.map((key, i) => ({ name: key.name, keyId: key.keyId, region: key.region, planned: key.action, outcome: 'created' as const, versionId: created[i], message: 'created' }));
  const report: ApplyReport = { results, summary: summarizeApply(results), interrupted: false };

  it('pins the entry a declared version was created for, appends a rotation version to a key that lists versions, and skips rotation-only keys', () => {
    expect(plan.keys.map((k) => k.action)).toEqual(['create', 'create', 'create']);
    const requests = pinRequestsFromApply(plan, report, config, '2026-05-01T00:00:00Z');
    expect(requests.files).toEqual([
      { file: 'a.yaml', pins: [], adopts: [{ key: 'legacy', versionId: created[2], comment: 'rotation: created 2026-05-01T00:00:00Z' }] },
      { file: 'b.yaml', pins: [{ key: 'signing', entry: 1, label: 'q4', versionId: created[0] }], adopts: [] },
    ]);
  });

  it('reports created versions of keys the config no longer declares', () => {
    const requests = pinRequestsFromApply(plan, report, { files: ['a.yaml'], keys: new Map() }, '2026-05-01T00:00:00Z');
    expect(requests.files).toEqual([]);
    expect(requests.orphans.map((o) => o.versionId)).toEqual(created);
  });
});
