/** Counts of API requests served since start, for `GET /_emulator/stats`. */
import { isActionName } from './actions/index.js';
import { isStsAction } from './sts/sts-api.js';

/** What `GET /_emulator/stats` returns. */
export interface StatsSnapshot {
  /** API requests answered, whatever the outcome (admin requests are not counted). */
  total: number;
  /** Requests per action they named; unknown or missing actions count under `(unknown)`. */
  actions: Record<string, number>;
  /** Error answers, and how many of each code. */
  errors: number;
  errorCodes: Record<string, number>;
}

export class RequestStats {
  private total = 0;
  private errors = 0;
  private readonly actions = new Map<string, number>();
  private readonly errorCodes = new Map<string, number>();

  /** Records one answered request; unknown action names are bucketed so clients cannot grow the table. */
  record(action: string | undefined, errorCode: string | undefined): void {
    this.total += 1;
    const label = action !== undefined && (isActionName(action) || isStsAction(action)) ? action : '(unknown)';
    this.actions.set(label, (this.actions.get(label) ?? 0) + 1);
    if (errorCode !== undefined) {
      this.errors += 1;
      this.errorCodes.set(errorCode, (this.errorCodes.get(errorCode) ?? 0) + 1);
    }
  }

  snapshot(): StatsSnapshot {
    return {
      total: this.total,
      actions: Object.fromEntries([...this.actions].sort(([a], [b]) => (a < b ? -1 : 1))),
      errors: this.errors,
      errorCodes: Object.fromEntries(this.errorCodes),
    };
  }
}
