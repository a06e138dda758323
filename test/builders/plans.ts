/** Whole plans made by the real planner from builder worlds, for renderer and CLI tests. */
import { planKeys } from '../../src/plan/planner.js';
import type { Plan } from '../../src/plan/types.js';
import { desiredKey, desiredState, pinned, unpinned } from './desired-state.js';
import { found, liveKey, liveState, notFound, readFailed, versionId } from './live-state.js';
import { T0, datePlus, days, isoPlus } from './time.js';

/**
 * One key of every kind, planned at T0 + 10 days: a create with one more to come, a deferred key, an
 * alias that does not exist, a symmetric key that wants a version, a failed read, and a no-op with drift.
 */
export function mixedPlan(): Plan {
  const keys = [
    desiredKey({ name: 'payments-signing', keyId: 'key-pay', versions: [unpinned('initial'), unpinned('2026-a'), unpinned('2026-b')] }),
    desiredKey({ name: 'tokens', keyId: 'alias/tokens', region: 'cn-shanghai', versions: [pinned(versionId(1), 'initial'), unpinned('next')] }),
    desiredKey({ name: 'legacy', keyId: 'alias/legacy' }),
    desiredKey({ name: 'data-key', keyId: 'key-data', rotation: '30d', versions: [unpinned('aes-initial')] }),
    desiredKey({ name: 'audit', keyId: 'key-audit', region: 'cn-beijing', versions: [pinned(versionId(1), 'initial')] }),
    desiredKey({ name: 'denied', keyId: 'key-denied' }),
  ];
  const [pay, tokens, legacy, data, audit, denied] = keys as [typeof keys[0], typeof keys[0], typeof keys[0], typeof keys[0], typeof keys[0], typeof keys[0]];
  const live = liveState(
    [pay, found(liveKey({ keyId: 'key-pay', versions: [T0] }))],
    [tokens, found(liveKey({ keyId: 'key-tok', versions: [isoPlus(T0, days(6))] }))],
    [legacy, notFound('Forbidden.AliasNotFound', '7A3F-LEGACY')],
    [data, found(liveKey({ keyId: 'key-data', versions: [isoPlus(T0, -days(45)), isoPlus(T0, -days(40))], metadata: { keySpec: 'Aliyun_AES_256', keyUsage: 'ENCRYPT/DECRYPT' } }))],
    [audit, found(liveKey({ keyId: 'key-audit', versions: [T0, isoPlus(T0, days(2)), isoPlus(T0, days(9))] }))],
    [denied, readFailed('Forbidden.NoPermission', 'This operation is forbidden by permission system.', 'C9D1-DENIED')],
  );
  return planKeys(desiredState(...keys), live, datePlus(T0, days(10)));
}

/** An empty plan: no keys declared. */
export function emptyPlan(): Plan {
  return planKeys(desiredState(), liveState(), datePlus(T0, 0));
}
