/**
 * The plan seen by account: the keys grouped by account (in the order the config first names each),
 * then by region, and the plan's counts per account. Every count comes from the planner's own
 * `summarisePlan` over that account's keys, so a per-account line can never disagree with the plan's.
 */
import { summarisePlan } from '../plan/summary.js';
import type { KeyPlan, Plan, PlanSummary } from '../plan/types.js';

export interface AccountGroup<K extends { account: string | undefined; region: string }> {
  /** Undefined: the run's base identity. */
  account: string | undefined;
  /** By region (regions in the order first met), config order within a region. */
  keys: K[];
}

export interface AccountSummary {
  account: string | undefined;
  summary: PlanSummary;
  /** Keys with nothing to do now whose rotation falls due within their warning window. */
  dueSoon: number;
}

/** How output names an account: its name, or "base identity" for keys that name none. */
export function accountLabel(account: string | undefined): string {
  return account ?? 'base identity';
}

/** Whether the keys live in more than one account (the base identity counts as one): then output groups them. */
export function spansAccounts(keys: readonly { account: string | undefined }[]): boolean {
  return new Set(keys.map((key) => key.account ?? '\u0000')).size > 1;
}

/** The keys by account, then region; stable otherwise. */
export function groupByAccount<K extends { account: string | undefined; region: string }>(keys: readonly K[]): AccountGroup<K>[] {
  const groups = new Map<string, { account: string | undefined; regions: Map<string, K[]> }>();
  for (const key of keys) {
    const ref = key.account ?? '\u0000';
    let group = groups.get(ref);
    if (group === undefined) groups.set(ref, (group = { account: key.account, regions: new Map() }));
    const region = group.regions.get(key.region);
    if (region === undefined) group.regions.set(key.region, [key]);
    else region.push(key);
  }
  return [...groups.values()].map((group) => ({ account: group.account, keys: [...group.regions.values()].flat() }));
}

/** The counts of each account's keys, accounts in the order the plan first names them. */
export function summariesByAccount(plan: Plan): AccountSummary[] {
  return groupByAccount(plan.keys).map((group) => ({ account: group.account, summary: summarisePlan(group.keys), dueSoon: dueSoonCount(group.keys) }));
}

/** Whether a key has nothing to do now but its rotation falls due soon. */
export function isDueSoon(key: KeyPlan): boolean {
  return key.action === 'no-op' && key.dueSoon !== undefined;
}

export function dueSoonCount(keys: readonly KeyPlan[]): number {
  return keys.filter(isDueSoon).length;
}
