/** An apply report as Markdown, for a CI job summary: the summary line and a table of every key's result (with its account when any key names one). */
import { applySummaryLine, type ApplyReport } from '../apply/apply-report.js';
import { OUTCOME_SYMBOLS } from './apply-text.js';
import { accountLabel } from './plan-by-account.js';
import { escapeMarkdown } from './plan-markdown.js';

/** Marks the report so a CI job can find it. */
export const APPLY_REPORT_MARKER = '<!-- kmsctl-apply -->';

/** Renders the report as GitHub-flavoured Markdown. Ends with a newline. */
export function renderApplyMarkdown(report: ApplyReport, meta: { kmsctlVersion: string; appliedAt: string }): string {
  const lines = [
    APPLY_REPORT_MARKER,
    '### kmsctl apply',
    '',
    `**${escapeMarkdown(applySummaryLine(report))}** Applied at ${escapeMarkdown(meta.appliedAt)} by kmsctl ${escapeMarkdown(meta.kmsctlVersion)}.`,
    '',
  ];
  if (report.results.length === 0) {
    lines.push('No keys declared.');
  } else {
    const withAccount = report.results.some((result) => result.account !== undefined);
    lines.push(withAccount ? '| Result | Name | Account | Key | Region | Details |' : '| Result | Name | Key | Region | Details |', withAccount ? '|---|---|---|---|---|---|' : '|---|---|---|---|---|');
    for (const result of report.results) {
      const ids = [result.versionId && `version ${result.versionId}`, result.code, result.requestId && `RequestId ${result.requestId}`].filter(Boolean).join(', ');
      const details = ids === '' ? result.message : `${result.message} (${ids})`;
      const head = [`${OUTCOME_SYMBOLS[result.outcome]} ${result.outcome}`, result.name, ...(withAccount ? [accountLabel(result.account)] : [])];
      const cells = [...head, result.keyId, result.region, details].map(escapeMarkdown);
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
