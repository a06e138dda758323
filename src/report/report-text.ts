/** `kmsctl report`'s terminal summary: the auditor's sentence, the keys of each status that needs a look, and where the files went. */
import type { Style } from '../style.js';
import { KEY_STATUSES, type FleetReport, type KeyStatus } from './fleet-report.js';
import { STATUS_LABELS } from './report-style.js';

/** Statuses whose keys the summary names; the others are counted only. */
const NAMED: readonly KeyStatus[] = ['error', 'overdue', 'pending', 'deferred', 'due-soon'];

export function renderReportText(report: FleetReport, files: { html: string; json: string }, style: Style): string {
  const keys = report.groups.flatMap((group) => group.keys);
  const lines = [style.bold(report.summary.sentence)];
  for (const status of KEY_STATUSES) {
    const count = report.summary.byStatus[status];
    if (count === 0) continue;
    const names = NAMED.includes(status) ? `: ${keys.filter((k) => k.status === status).map((k) => k.name).join(', ')}` : '';
    lines.push(`  ${STATUS_LABELS[status]} ${count}${names}`);
  }
  if (report.summary.driftVersions > 0) lines.push(`  ${report.summary.driftVersions} live version${report.summary.driftVersions === 1 ? '' : 's'} not declared (drift)`);
  lines.push(`Report written to ${files.html}, its figures to ${files.json}.`);
  return `${lines.join('\n')}\n`;
}
