/**
 * Builds the report from one read of the declared keys: the plan made from it (what apply would do, and
 * why) and the live versions (the timeline). The figures of rotation (the newest version's age, when it
 * falls due) are the planner's own assessment of the key, so the report and `kmsctl plan` never disagree.
 */
import type { DesiredKey, DesiredState } from '../config/desired-state.js';
import { assessKey } from '../plan/assess-key.js';
import { formatInstant } from '../plan/instant.js';
import type { KeyPlan, Plan } from '../plan/types.js';
import { liveKeyRefOf, type LiveKey, type LiveState } from '../state/live-state.js';
import { locationRef } from '../state/key-api.js';
import { KEY_STATUSES, WITHIN_POLICY, type FleetReport, type KeyStatus, type ReportGroup, type ReportKey, type ReportSummary } from './fleet-report.js';
import { keyStatus } from './key-status.js';

/** `plan` must be the plan of `desired` made from `live` (one key plan per declared key, in order). */
export function buildReport(desired: DesiredState, live: LiveState<LiveKey>, plan: Plan): FleetReport {
  const nowMs = Date.parse(plan.createdAt);
  const groups = new Map<string, ReportGroup>();
  desired.keys.forEach((key, index) => {
    const keyPlan = plan.keys[index];
    if (keyPlan === undefined || keyPlan.name !== key.name) throw new Error(`the plan does not match the config at key ${key.name}`);
    const ref = locationRef(key);
    const group = groups.get(ref) ?? { account: key.account, region: key.region, keys: [] };
    groups.set(ref, group);
    group.keys.push(reportKey(key, keyPlan, live, nowMs));
  });
  const all = [...groups.values()];
  return { generatedAt: plan.createdAt, summary: summarise(all.flatMap((g) => g.keys), plan.createdAt), groups: all };
}

function reportKey(key: DesiredKey, keyPlan: KeyPlan, live: LiveState<LiveKey>, nowMs: number): ReportKey {
  const read = live.keys.get(liveKeyRefOf(key));
  const facts = read?.status === 'found' ? read.key : undefined;
  const assessment = facts === undefined ? undefined : assessKey(key, facts, nowMs);
  const drifted = new Set(keyPlan.drift.map((d) => d.versionId));
  const versions = facts?.versions ?? [];
  const last = versions[versions.length - 1];
  const lastMs = assessment?.lastVersionMs;
  const dueAtMs = assessment?.rotation?.dueAtMs;
  return {
    name: key.name,
    keyId: key.keyId,
    resolvedKeyId: facts?.metadata.keyId,
    keySpec: facts?.metadata.keySpec,
    keyState: facts?.metadata.keyState,
    status: keyStatus(keyPlan, assessment?.rotation?.due === true),
    planAction: keyPlan.action,
    reason: keyPlan.reason,
    maxAge: key.rotation?.maxAge,
    maxAgeSeconds: key.rotation?.maxAgeSeconds,
    warnBefore: key.rotation?.warnBefore,
    newest: last === undefined || lastMs === undefined ? undefined : { versionId: last.keyVersionId, creationDate: last.creationDate, ageSeconds: Math.max(0, Math.floor((nowMs - lastMs) / 1000)) },
    dueAt: dueAtMs === undefined ? undefined : formatInstant(dueAtMs),
    dueSoonAt: keyPlan.action === 'no-op' ? keyPlan.dueSoon : undefined,
    deferredUntil: keyPlan.action === 'deferred' ? keyPlan.earliest : undefined,
    error: keyPlan.action === 'error' ? { code: keyPlan.error.code, message: keyPlan.error.message, requestId: keyPlan.error.requestId } : undefined,
    versions: versions.map((v) => ({
      versionId: v.keyVersionId,
      creationDate: v.creationDate,
      primary: v.keyVersionId === (facts?.metadata.primaryKeyVersion ?? last?.keyVersionId),
      declared: !drifted.has(v.keyVersionId),
    })),
  };
}

function summarise(keys: readonly ReportKey[], generatedAt: string): ReportSummary {
  const byStatus = Object.fromEntries(KEY_STATUSES.map((status) => [status, 0])) as Record<KeyStatus, number>;
  for (const key of keys) byStatus[key.status] += 1;
  const withinPolicy = WITHIN_POLICY.reduce((sum, status) => sum + byStatus[status], 0);
  const driftVersions = keys.reduce((sum, key) => sum + key.versions.filter((v) => !v.declared).length, 0);
  const day = generatedAt.slice(0, 10);
  return { keys: keys.length, withinPolicy, byStatus, driftVersions, sentence: `${withinPolicy} of ${keys.length} key${keys.length === 1 ? '' : 's'} within policy on ${day}` };
}
