/**
 * Counts of API requests served since start, for `GET /_emulator/stats`: per action, per error code,
 * and per account, region and quota group, where the service's quotas apply (quota-board.ts).
 */
import { isThrottling } from '../kms/wire/error-codes.js';
import type { QuotaGroup } from '../kms/wire/quotas.js';
import { isActionName } from './actions/index.js';
import type { QuotaSlot } from './quota-board.js';
import { isStsAction } from './sts/sts-api.js';

/** Requests of one quota group in one account and region, and how many of them were throttled. */
export interface QuotaGroupCount {
  requests: number;
  throttled: number;
}

/** What `GET /_emulator/stats` returns. */
export interface StatsSnapshot {
  /** API requests answered, whatever the outcome (admin requests are not counted). */
  total: number;
  /** Requests per action they named; unknown or missing actions count under `(unknown)`. */
  actions: Record<string, number>;
  /** Error answers, and how many of each code. */
  errors: number;
  errorCodes: Record<string, number>;
  /** Answers refusing for rate (429 `Rejected.Throttling`, or an injected `Throttling*`), whichever quota. */
  throttled: number;
  /**
   * By account UID, region and quota group: requests of an action that counts in a group, once the
   * caller's account was known (a request refused before, for its signature say, counts in none).
   */
  accounts: Record<string, Record<string, Partial<Record<QuotaGroup, QuotaGroupCount>>>>;
}

export class RequestStats {
  private total = 0;
  private errors = 0;
  private throttled = 0;
  private readonly actions = new Map<string, number>();
  private readonly errorCodes = new Map<string, number>();
  private readonly groups = new Map<string, QuotaGroupCount & QuotaSlot>();

  /**
   * Records one answered request; unknown action names are bucketed so clients cannot grow the table.
   * `slot` says where it counts against the quotas, when it does.
   */
  record(action: string | undefined, error: { code: string; status: number } | undefined, slot?: QuotaSlot): void {
    this.total += 1;
    const label = action !== undefined && (isActionName(action) || isStsAction(action)) ? action : '(unknown)';
    this.actions.set(label, (this.actions.get(label) ?? 0) + 1);
    const throttled = error !== undefined && isThrottling({ code: error.code, httpStatus: error.status });
    if (error !== undefined) {
      this.errors += 1;
      this.errorCodes.set(error.code, (this.errorCodes.get(error.code) ?? 0) + 1);
      if (throttled) this.throttled += 1;
    }
    if (slot === undefined) return;
    const id = `${slot.account}\n${slot.region}\n${slot.group}`;
    let count = this.groups.get(id);
    if (count === undefined) {
      count = { ...slot, requests: 0, throttled: 0 };
      this.groups.set(id, count);
    }
    count.requests += 1;
    if (throttled) count.throttled += 1;
  }

  snapshot(): StatsSnapshot {
    const accounts: StatsSnapshot['accounts'] = {};
    for (const { account, region, group, requests, throttled } of this.groups.values()) {
      const regions = (accounts[account] ??= {});
      const groups = (regions[region] ??= {});
      groups[group] = { requests, throttled };
    }
    return {
      total: this.total,
      actions: Object.fromEntries([...this.actions].sort(([a], [b]) => (a < b ? -1 : 1))),
      errors: this.errors,
      errorCodes: Object.fromEntries(this.errorCodes),
      throttled: this.throttled,
      accounts,
    };
  }
}
