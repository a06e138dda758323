/**
 * Text and JSON views of an apply report: a line per key with what happened (symbol, name, one phrase,
 * never the outcome's name twice), then the summary line. The JSON follows schemas/apply.schema.json.
 */
import { applySummaryLine, type ApplyReport, type KeyApplyResult, type KeyOutcome } from '../apply/apply-report.js';
import { inProblemLocation, type LocationProblem } from '../operations/location-problems.js';
import { assertNever } from '../plan/types.js';
import { JSON_FORMAT_VERSION } from './json-format.js';
import { locationFailureToJson } from './plan-json-summary.js';
import { createStyle, type Style } from '../style.js';
import { wrapText } from './wrap.js';

/** None is `-`, which a Terraform user reads as "destroy": a key not started shows a dot. */
export const OUTCOME_SYMBOLS: Record<KeyOutcome, string> = { created: '+', deferred: '>', 'no-op': '=', skipped: '~', failed: '!', 'not-started': '.' };

function paintSymbol(outcome: KeyOutcome, style: Style): string {
  const text = OUTCOME_SYMBOLS[outcome];
  switch (outcome) {
    case 'created':
      return style.green(text);
    case 'deferred':
    case 'skipped':
      return style.yellow(text);
    case 'failed':
      return style.red(text);
    case 'no-op':
    case 'not-started':
      return style.dim(text);
    default:
      return assertNever(outcome, 'key outcome');
  }
}

/** What happened, in one phrase: the applier's messages already say "created version ..." and "not started: ...". */
export function outcomePhrase(result: KeyApplyResult): string {
  switch (result.outcome) {
    case 'created':
    case 'not-started':
      return result.message;
    case 'deferred':
      return `deferred: ${result.message}`;
    case 'no-op':
      return 'no change';
    case 'skipped':
      return `skipped: ${result.message}`;
    case 'failed': {
      const ids = [result.code, result.requestId && `RequestId ${result.requestId}`].filter(Boolean);
      return `failed: ${result.message}${ids.length > 0 ? ` [${ids.join(', ')}]` : ''}`;
    }
    default:
      return assertNever(result.outcome, 'key outcome');
  }
}

/**
 * One line for a key's result, shown as results arrive and again in the final report; a key of an
 * account names it. A key that failed with its whole location (shown once, above) points there.
 */
export function renderApplyResultLine(result: KeyApplyResult, color: boolean, width = 100, problems: readonly LocationProblem[] = []): string {
  const who = result.account === undefined ? result.name : `${result.name} (account ${result.account})`;
  const located = result.outcome === 'failed' && problems.some((p) => inProblemLocation({ account: result.account, region: result.region }, p) && p.code === result.code);
  const phrase = located ? `failed: not read (${result.code}; its location is shown above)` : outcomePhrase(result);
  const [first = '', ...rest] = wrapText(`${who}: ${phrase}`, width, '  ', '    ');
  return `${paintSymbol(result.outcome, createStyle(color))}${first.slice(1)}\n${rest.map((line) => `${line}\n`).join('')}`;
}

/**
 * The end of an apply's text output. Keys that got a CreateKeyVersion call were printed live as their
 * results came in; the others (deferred, in error, not started) are listed here, then the summary line.
 */
export function renderApplyText(report: ApplyReport, color: boolean, width = 100, problems: readonly LocationProblem[] = []): string {
  const uncalled = report.results.filter((r) => r.outcome !== 'no-op' && (r.planned !== 'create' || r.outcome === 'not-started'));
  const lines = uncalled.map((result) => renderApplyResultLine(result, color, width, problems)).join('');
  return `${lines}\n${createStyle(color).bold(applySummaryLine(report))}\n`;
}

export function applyToJson(report: ApplyReport, meta: { kmsctlVersion: string; appliedAt: string; problems?: readonly LocationProblem[] | undefined }): Record<string, unknown> {
  const { created, deferred, noop, skipped, failed, notStarted } = report.summary;
  return {
    format_version: JSON_FORMAT_VERSION,
    kmsctl_version: meta.kmsctlVersion,
    applied_at: meta.appliedAt,
    interrupted: report.interrupted,
    location_failures: (meta.problems ?? []).map(locationFailureToJson),
    results: report.results.map((r) => ({
      name: r.name,
      account: r.account ?? null,
      key_id: r.keyId,
      region: r.region,
      planned: r.planned,
      outcome: r.outcome,
      message: r.message,
      version_id: r.versionId ?? null,
      recovered: r.recovered === true,
      code: r.code ?? null,
      request_id: r.requestId ?? null,
    })),
    summary: { created, deferred, no_op: noop, skipped, failed, not_started: notStarted },
  };
}
