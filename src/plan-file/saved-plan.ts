/**
 * Saved plans (`kmsctl plan --out FILE`, `kmsctl apply FILE`). The file records its format version,
 * kmsctl's version, the time, the endpoint of each location (account and region), how each account of
 * its keys is reached, the config files (absolute paths, so that `apply FILE --pin` finds them from any
 * directory) and the plan, with a checksum over every other field of the file, so that a garbled or
 * hand-edited file is refused whichever part was changed. Apply speaks to each account exactly as the
 * plan did (the same role, the same profile), whatever the config says by then. It never holds a
 * secret: only the plan, endpoint URLs and the accounts' role ARNs, external IDs, session names and
 * profile names go in (an external ID names the caller to the role's trust policy; it is no credential).
 */
import { createHash } from 'node:crypto';
import type { KmsAccountSpec } from '../kms/account-spec.js';
import { JSON_FORMAT_VERSION } from '../render/json-format.js';
import { planBodyToJson, type PlanBodyJson } from '../render/plan-json.js';
import type { Plan } from '../plan/types.js';

export const SAVED_PLAN_FORMAT = 'kmsctl-plan';
export const SAVED_PLAN_FORMAT_VERSION = JSON_FORMAT_VERSION;

/** The file, as written. */
export interface SavedPlanFile {
  format: typeof SAVED_PLAN_FORMAT;
  format_version: string;
  kmsctl_version: string;
  created_at: string;
  /** Location (`account/region`, or the region for the base identity) → endpoint the plan read from; apply refuses to talk to another. */
  endpoints: Record<string, string>;
  /** How each account of the plan's keys is reached, by name; apply assumes the same roles. */
  accounts: Record<string, SavedAccountJson>;
  /** The config files the plan was made from, as absolute paths: `apply --pin` writes into them. */
  config_files: string[];
  plan: PlanBodyJson;
  /** `sha256:` + hex of the canonical JSON of every other field of the file. */
  checksum: string;
}

/** An account as the saved plan records it: the config's `accounts:` entry, snake_case, null for what is unset. */
export interface SavedAccountJson {
  role_arn: string | null;
  external_id: string | null;
  session_name: string | null;
  duration_seconds: number | null;
  profile: string | null;
}

/** A saved plan as apply uses it. */
export interface SavedPlan {
  plan: Plan;
  endpoints: Record<string, string>;
  accounts: Record<string, KmsAccountSpec>;
  configFiles: string[];
  kmsctlVersion: string;
}

export function createSavedPlanFile(plan: Plan, meta: { kmsctlVersion: string; endpoints: Record<string, string>; accounts: Readonly<Record<string, KmsAccountSpec>>; configFiles: string[] }): SavedPlanFile {
  const unsigned = {
    format: SAVED_PLAN_FORMAT,
    format_version: SAVED_PLAN_FORMAT_VERSION,
    kmsctl_version: meta.kmsctlVersion,
    created_at: plan.createdAt,
    endpoints: meta.endpoints,
    accounts: Object.fromEntries(Object.entries(meta.accounts).map(([name, spec]) => [name, accountToJson(spec)])),
    config_files: meta.configFiles,
    plan: planBodyToJson(plan),
  } as const;
  return { ...unsigned, checksum: savedPlanChecksum(unsigned) };
}

function accountToJson(spec: KmsAccountSpec): SavedAccountJson {
  return { role_arn: spec.roleArn ?? null, external_id: spec.externalId ?? null, session_name: spec.sessionName ?? null, duration_seconds: spec.durationSeconds ?? null, profile: spec.profile ?? null };
}

export function accountFromJson(json: SavedAccountJson): KmsAccountSpec {
  return { roleArn: json.role_arn ?? undefined, externalId: json.external_id ?? undefined, sessionName: json.session_name ?? undefined, durationSeconds: json.duration_seconds ?? undefined, profile: json.profile ?? undefined };
}

export function serializeSavedPlan(saved: SavedPlanFile): string {
  return `${JSON.stringify(saved, null, 2)}\n`;
}

/**
 * Hash of the file's fields but `checksum`, as JSON with keys in a fixed order, so that formatting of
 * the file does not matter. The value must be of bounded depth (read-saved-plan checks before calling).
 */
export function savedPlanChecksum(file: Record<string, unknown>): string {
  const { checksum: _checksum, ...covered } = file;
  return `sha256:${createHash('sha256').update(canonicalJson(covered)).digest('hex')}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** How deeply arrays and objects nest in a parsed JSON value, counted without recursion (the input is untrusted). */
export function jsonDepth(value: unknown, stopAt: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(node as Record<string, unknown>)) if (child !== null && typeof child === 'object') stack.push([child, here]);
  }
  return deepest;
}
