/**
 * Saved plans (`kmsctl plan --out FILE`, `kmsctl apply FILE`). The file records its format version,
 * kmsctl's version, the time, the endpoint of each region and what the plan observed of each key, with
 * a checksum over the plan so that a garbled or hand-edited file is refused. It never holds a secret:
 * only the Plan model and endpoint URLs (which carry no credentials) go in.
 */
import { createHash } from 'node:crypto';
import type { Plan } from './types.js';

export const SAVED_PLAN_FORMAT = 'kmsctl-plan';
export const SAVED_PLAN_FORMAT_VERSION = 1;

export interface SavedPlan {
  format: typeof SAVED_PLAN_FORMAT;
  format_version: number;
  kmsctl_version: string;
  created_at: string;
  /** Region → endpoint the plan read from; apply refuses to talk to another. */
  endpoints: Record<string, string>;
  /** The config files the plan was made from, for the record. */
  config_files: string[];
  /** `sha256:` + hex of the canonical JSON of `plan`. */
  checksum: string;
  plan: Plan;
}

export function createSavedPlan(plan: Plan, meta: { kmsctlVersion: string; endpoints: Record<string, string>; configFiles: string[] }): SavedPlan {
  return {
    format: SAVED_PLAN_FORMAT,
    format_version: SAVED_PLAN_FORMAT_VERSION,
    kmsctl_version: meta.kmsctlVersion,
    created_at: plan.createdAt,
    endpoints: meta.endpoints,
    config_files: meta.configFiles,
    checksum: planChecksum(plan),
    plan,
  };
}

export function serializeSavedPlan(saved: SavedPlan): string {
  return `${JSON.stringify(saved, null, 2)}\n`;
}

/** Hash of the plan's JSON with keys in a fixed order, so formatting of the file does not matter. */
export function planChecksum(plan: Plan): string {
  return `sha256:${createHash('sha256').update(canonicalJson(plan)).digest('hex')}`;
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
