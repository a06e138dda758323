/** Text and JSON views of an apply report: a line per key with what happened, then the summary line. */
import { applySummaryLine, type ApplyReport, type KeyApplyResult, type KeyOutcome } from '../apply/apply-report.js';

const SYMBOLS: Record<KeyOutcome, string> = {
  created: '+',
  deferred: '>',
  'no-op': '=',
  skipped: '~',
  failed: '!',
  'not-started': '-',
};

const COLORS: Record<KeyOutcome, string> = {
  created: '\u001b[32m',
  deferred: '\u001b[33m',
  'no-op': '\u001b[2m',
  skipped: '\u001b[33m',
  failed: '\u001b[31m',
  'not-started': '\u001b[2m',
};

/** One line for a key's result, shown as results arrive and again in the final report. */
export function renderApplyResultLine(result: KeyApplyResult, color: boolean): string {
  const symbol = color ? `${COLORS[result.outcome]}${SYMBOLS[result.outcome]}\u001b[0m` : SYMBOLS[result.outcome];
  const ids = result.code || result.requestId ? ` [${[result.code, result.requestId && `RequestId ${result.requestId}`].filter(Boolean).join(', ')}]` : '';
  return `${symbol} ${result.name} (${result.keyId}, ${result.region}): ${result.outcome}: ${result.message}${ids}\n`;
}

/**
 * The end of an apply's text output. Keys that got a CreateKeyVersion call were printed live as their
 * results came in; the others (deferred, in error, not started) are listed here, then the summary line.
 */
export function renderApplyText(report: ApplyReport, color: boolean): string {
  const uncalled = report.results.filter((r) => r.outcome !== 'no-op' && (r.planned !== 'create' || r.outcome === 'not-started'));
  const lines = uncalled.map((result) => renderApplyResultLine(result, color)).join('');
  return `${lines}\n${applySummaryLine(report)}\n`;
}

export const APPLY_JSON_FORMAT_VERSION = '1.0';

export function applyToJson(report: ApplyReport, meta: { kmsctlVersion: string }): Record<string, unknown> {
  return {
    format_version: APPLY_JSON_FORMAT_VERSION,
    kmsctl_version: meta.kmsctlVersion,
    interrupted: report.interrupted,
    results: report.results.map((r) => ({
      name: r.name,
      keyId: r.keyId,
      region: r.region,
      planned: r.planned,
      outcome: r.outcome,
      message: r.message,
      ...(r.versionId ? { versionId: r.versionId } : {}),
      ...(r.recovered ? { recovered: true } : {}),
      ...(r.code ? { code: r.code } : {}),
      ...(r.requestId ? { requestId: r.requestId } : {}),
    })),
    summary: report.summary,
  };
}
