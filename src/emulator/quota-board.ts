/**
 * The service's request quotas, as the emulator enforces them: one token bucket per account, region and
 * quota group (src/kms/wire/quotas.ts says which action counts in which group and gives the published
 * figures). A request over its group's quota is answered 429 `Rejected.Throttling` and takes no token.
 * Off by default (every group unlimited); `--quotas service` (or `older`) turns the published figures
 * on, and each group's figure can be set alone, at start or while the emulator runs.
 */
import { NO_QUOTAS, OLDER_PUBLISHED_QUOTAS, PUBLISHED_QUOTAS, QUOTA_GROUPS, quotaGroupOf, type QuotaFigures, type QuotaGroup } from '../kms/wire/quotas.js';
import { RateQuota, throttled } from './rate-quota.js';

/** Named sets of figures: the current performance-data page, the older limits page, or none. */
export const QUOTA_PRESETS = { service: PUBLISHED_QUOTAS, older: OLDER_PUBLISHED_QUOTAS, none: NO_QUOTAS } as const;
export type QuotaPreset = keyof typeof QUOTA_PRESETS;

export function isQuotaPreset(name: string): name is QuotaPreset {
  return Object.hasOwn(QUOTA_PRESETS, name);
}

export function isQuotaGroup(name: string): name is QuotaGroup {
  return (QUOTA_GROUPS as readonly string[]).includes(name);
}

/** Changes to some groups' figures: a number of requests per second, or null for no quota. */
export type QuotaChanges = Partial<Record<QuotaGroup, number | null>>;

/** Where a request counts: its account, region and quota group. */
export interface QuotaSlot {
  account: string;
  region: string;
  group: QuotaGroup;
}

export class QuotaBoard {
  #figures: QuotaFigures;
  /** Buckets by `account\nregion\ngroup`, made on first use: only pairs that are called cost memory. */
  readonly #buckets = new Map<string, RateQuota>();
  readonly #now: () => number;

  constructor(figures: QuotaFigures = NO_QUOTAS, now: () => number = () => performance.now()) {
    this.#now = now;
    this.#figures = checkFigures(figures);
  }

  get figures(): QuotaFigures {
    return this.#figures;
  }

  /** Replaces the figures of the groups named (the others keep theirs); every bucket starts full again. */
  change(changes: QuotaChanges): void {
    const next: Record<QuotaGroup, number | undefined> = { ...this.#figures };
    for (const group of QUOTA_GROUPS) if (Object.hasOwn(changes, group)) next[group] = changes[group] ?? undefined;
    this.#figures = checkFigures(next);
    this.#buckets.clear();
  }

  /** Replaces all figures. */
  set(figures: QuotaFigures): void {
    this.#figures = checkFigures(figures);
    this.#buckets.clear();
  }

  /** Takes a token of the slot's bucket; throws `Rejected.Throttling`, taking nothing, over the quota. */
  admit(slot: QuotaSlot): void {
    const qps = this.#figures[slot.group];
    if (qps === undefined) return;
    const id = `${slot.account}\n${slot.region}\n${slot.group}`;
    let bucket = this.#buckets.get(id);
    if (bucket === undefined) {
      bucket = new RateQuota({ qps }, this.#now);
      this.#buckets.set(id, bucket);
    }
    if (!bucket.tryTake()) throw throttled();
  }
}

/** Where a request of `action` counts against the quotas, or undefined for an action in no group. */
export function quotaSlotOf(account: string, region: string, action: string): QuotaSlot | undefined {
  const group = quotaGroupOf(action);
  return group === undefined ? undefined : { account, region, group };
}

/** Each figure a positive number or undefined; a RangeError quoting the bad one otherwise. */
function checkFigures(figures: QuotaFigures): QuotaFigures {
  for (const group of QUOTA_GROUPS) {
    const qps = figures[group];
    if (qps !== undefined && !(Number.isFinite(qps) && qps > 0)) throw new RangeError(`the ${group} quota must be a positive number of requests per second, got ${String(qps)}`);
  }
  return Object.freeze({ ...figures });
}

/** `key-read=40` (or `key-read=none`) as a change, or a problem text that quotes the bad part. */
export function parseQuotaAssignment(text: string): QuotaChanges | string {
  const match = /^([a-z-]+)=(\S+)$/.exec(text.trim());
  if (!match) return `expected GROUP=N such as key-read=40, got ${JSON.stringify(text)}`;
  const [, group = '', value = ''] = match;
  if (!isQuotaGroup(group)) return `${JSON.stringify(group)} is not a quota group (${QUOTA_GROUPS.join(', ')})`;
  if (value === 'none') return { [group]: null };
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) return `the ${group} quota must be a positive number of requests per second or "none", got ${JSON.stringify(value)}`;
  return { [group]: Number(value) };
}
