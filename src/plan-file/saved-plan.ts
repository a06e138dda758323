/**
 * Saved plans (`kmsctl plan --out FILE`, `kmsctl apply FILE`). The file records its format version,
 * kmsctl's version, the time, the endpoint of each region, the config files (absolute paths, so that
 * `apply FILE --pin` finds them from any directory) and the plan, with a checksum over every other field
 * of the file, so that a garbled or hand-edited file is refused whichever part was changed. It never
 * holds a secret: only the plan and endpoint URLs (which carry no credentials) go in.
 */
import { createHash } from 'node:crypto';
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
  /** Region → endpoint the plan read from; apply refuses to talk to another. */
  endpoints: Record<string, string>;
  /** The config files the plan was made from, as absolute paths: `apply --pin` writes into them. */
  config_files: string[];
  plan: PlanBodyJson;
  /** `sha256:` + hex of the canonical JSON of every other field of the file. */
  checksum: string;
}

/** A saved plan as apply uses it. */
export interface SavedPlan {
  plan: Plan;
  endpoints: Record<string, string>;
  configFiles: string[];
  kmsctlVersion: string;
}

export function createSavedPlanFile(plan: Plan, meta: { kmsctlVersion: string; endpoints: Record<string, string>; configFiles: string[] }): SavedPlanFile {
  const unsigned = {
    format: SAVED_PLAN_FORMAT,
    format_version: SAVED_PLAN_FORMAT_VERSION,
    kmsctl_version: meta.kmsctlVersion,
    created_at: plan.createdAt,
    endpoints: meta.endpoints,
    config_files: meta.configFiles,
    plan: planBodyToJson(plan),
  } as const;
  return { ...unsigned, checksum: savedPlanChecksum(unsigned) };
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
