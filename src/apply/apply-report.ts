/** What apply did to each key, and the counts the summary line reports. */
import type { PlanAction } from '../plan/types.js';

export const KEY_OUTCOMES = ['created', 'deferred', 'no-op', 'skipped', 'failed', 'not-started'] as const;
export type KeyOutcome = (typeof KEY_OUTCOMES)[number];

export interface KeyApplyResult {
  name: string;
  keyId: string;
  /** The account of the config the key belongs to; undefined: the run's base identity. */
  account?: string | undefined;
  region: string;
  /** The action the plan gave the key. */
  planned: PlanAction;
  outcome: KeyOutcome;
  /** The new version, for `created`. */
  versionId?: string | undefined;
  /** True when the version was found by listing after an ambiguous CreateKeyVersion failure. */
  recovered?: boolean | undefined;
  /** One sentence: what happened and, for failures, what to do. */
  message: string;
  /** The service's error code and request ID, when an API answer explains the outcome. */
  code?: string | undefined;
  requestId?: string | undefined;
}

export interface ApplySummary {
  created: number;
  deferred: number;
  noop: number;
  skipped: number;
  failed: number;
  notStarted: number;
}

export interface ApplyReport {
  results: KeyApplyResult[];
  summary: ApplySummary;
  interrupted: boolean;
}

export function summarizeApply(results: readonly KeyApplyResult[]): ApplySummary {
  const count = (outcome: KeyOutcome): number => results.filter((r) => r.outcome === outcome).length;
  return {
    created: count('created'),
    deferred: count('deferred'),
    noop: count('no-op'),
    skipped: count('skipped'),
    failed: count('failed'),
    notStarted: count('not-started'),
  };
}

/** `Apply complete: 2 created, 1 deferred, 1 failed.` plus skipped and not-started keys when there are any. */
export function applySummaryLine(report: ApplyReport): string {
  const { summary } = report;
  const extra = [
    summary.skipped > 0 ? `, ${summary.skipped} skipped` : '',
    summary.notStarted > 0 ? `, ${summary.notStarted} not started` : '',
  ].join('');
  const head = report.interrupted ? 'Apply interrupted' : 'Apply complete';
  return `${head}: ${summary.created} created, ${summary.deferred} deferred, ${summary.failed} failed${extra}.`;
}
