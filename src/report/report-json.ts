/**
 * The report's figures as JSON (schemas/report.schema.json): the same model the HTML page shows, in the
 * project's JSON convention (snake_case, every field present, `null` for an absent value).
 */
import { JSON_FORMAT_VERSION } from '../render/json-format.js';
import { KEY_STATUSES, type FleetReport, type ReportKey } from './fleet-report.js';

export function reportToJson(report: FleetReport, kmsctlVersion: string): Record<string, unknown> {
  return {
    format_version: JSON_FORMAT_VERSION,
    kmsctl_version: kmsctlVersion,
    generated_at: report.generatedAt,
    summary: {
      sentence: report.summary.sentence,
      keys: report.summary.keys,
      within_policy: report.summary.withinPolicy,
      by_status: Object.fromEntries(KEY_STATUSES.map((status) => [status.replace('-', '_'), report.summary.byStatus[status]])),
      drift_versions: report.summary.driftVersions,
    },
    groups: report.groups.map((group) => ({ account: group.account ?? null, region: group.region, keys: group.keys.map(keyToJson) })),
  };
}

function keyToJson(key: ReportKey): Record<string, unknown> {
  return {
    name: key.name,
    key_id: key.keyId,
    resolved_key_id: key.resolvedKeyId ?? null,
    key_spec: key.keySpec ?? null,
    key_state: key.keyState ?? null,
    status: key.status,
    plan_action: key.planAction,
    reason: key.reason,
    max_age: key.maxAge ?? null,
    max_age_seconds: key.maxAgeSeconds ?? null,
    warn_before: key.warnBefore ?? null,
    newest_version: key.newest === undefined ? null : { version_id: key.newest.versionId, creation_date: key.newest.creationDate, age_seconds: key.newest.ageSeconds },
    due_at: key.dueAt ?? null,
    due_soon_at: key.dueSoonAt ?? null,
    deferred_until: key.deferredUntil ?? null,
    error: key.error === undefined ? null : { code: key.error.code, message: key.error.message, request_id: key.error.requestId ?? null },
    versions: key.versions.map((v) => ({ version_id: v.versionId, creation_date: v.creationDate, primary: v.primary, declared: v.declared })),
  };
}
