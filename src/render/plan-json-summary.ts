/**
 * The counts of a plan's JSON (with each account's, from render/plan-by-account.ts) and the locations
 * that could not be read, as plan, apply and show documents write them.
 */
import type { LocationProblem } from '../operations/location-problems.js';
import type { Plan, PlanSummary } from '../plan/types.js';
import { dueSoonCount, summariesByAccount } from './plan-by-account.js';

export interface CountsJson {
  create: number;
  deferred: number;
  error: number;
  no_op: number;
  drift: number;
  due_soon: number;
}

export interface AccountSummaryJson extends CountsJson {
  /** The account's name; null: the run's base identity. */
  account: string | null;
}

export interface PlanSummaryJson extends CountsJson {
  /** The same counts for each account's keys, accounts in the order the plan first names them. */
  by_account: AccountSummaryJson[];
}

/** A location none of whose keys could be read (its keys are errors in `keys`). */
export interface LocationFailureJson {
  account: string | null;
  region: string;
  code: string;
  message: string;
  role_arn: string | null;
  sts_code: string | null;
  request_id: string | null;
}

export function summaryToJson(plan: Plan): PlanSummaryJson {
  const by_account = summariesByAccount(plan).map(({ account, summary, dueSoon }) => ({ account: account ?? null, ...countsToJson(summary, dueSoon) }));
  return { ...countsToJson(plan.summary, dueSoonCount(plan.keys)), by_account };
}

function countsToJson(summary: PlanSummary, dueSoon: number): CountsJson {
  const { create, deferred, error, noop, drift } = summary;
  return { create, deferred, error, no_op: noop, drift, due_soon: dueSoon };
}

export function locationFailureToJson(problem: LocationProblem): LocationFailureJson {
  return {
    account: problem.account ?? null,
    region: problem.region,
    code: problem.code,
    message: problem.message,
    role_arn: problem.roleArn ?? null,
    sts_code: problem.stsCode ?? null,
    request_id: problem.requestId ?? null,
  };
}
