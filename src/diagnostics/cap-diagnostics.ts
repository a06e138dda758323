/**
 * A bound on how many diagnostics a run reports: a generated or corrupted config can hold thousands of
 * mistakes, and printing each with its snippet buried the first ones under megabytes of output. The
 * first `limit` are kept in order; one more diagnostic says how many were left out, and of which kind.
 */
import type { Diagnostic } from './diagnostic.js';

/** How many diagnostics a command shows before it summarises the rest. */
export const DIAGNOSTICS_SHOWN = 50;

export interface CappedDiagnostics {
  /** The first `limit`, then the summary when any were left out. */
  diagnostics: Diagnostic[];
  /** Totals before the cap, so that a count of errors stays true. */
  errors: number;
  warnings: number;
}

/** Keeps the first `limit`; the summary has the given code and is an error when an error was left out. */
export function capDiagnostics(all: readonly Diagnostic[], code: string, limit = DIAGNOSTICS_SHOWN): CappedDiagnostics {
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  if (all.length <= limit) return { diagnostics: [...all], errors, warnings };
  const shown = all.slice(0, limit);
  const left = all.slice(limit);
  const leftErrors = left.filter((d) => d.severity === 'error').length;
  const leftWarnings = left.length - leftErrors;
  const kinds = [count(leftErrors, 'error'), count(leftWarnings, 'warning')].filter((k) => k !== '').join(' and ');
  const summary: Diagnostic = {
    severity: leftErrors > 0 ? 'error' : 'warning',
    code,
    summary: `and ${formatCount(left.length)} more (${kinds}) not shown`,
    detail: `only the first ${limit} are shown; fix these and run again`,
  };
  return { diagnostics: [...shown, summary], errors, warnings };
}

/** 4812 → "4,812": a count a reader takes in at a glance. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(?:[0-9]{3})+$)/gu, ',');
}

function count(n: number, what: string): string {
  return n === 0 ? '' : `${formatCount(n)} ${what}${n === 1 ? '' : 's'}`;
}
