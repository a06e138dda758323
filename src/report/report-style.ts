/**
 * The report page's look, inline in the page (no stylesheet to fetch): one colour per status, shared by
 * the CSS and the SVG timelines, chosen to stay apart for the common forms of colour blindness and to
 * print legibly; every status is also written out in words.
 */
import type { KeyStatus } from './fleet-report.js';

export const STATUS_COLOURS: Readonly<Record<KeyStatus, string>> = {
  'within-policy': '#1b7f3b',
  'due-soon': '#b86e00',
  overdue: '#c0262d',
  pending: '#6f3fb3',
  deferred: '#1f5fae',
  error: '#3b3b3b',
};

export const STATUS_LABELS: Readonly<Record<KeyStatus, string>> = {
  'within-policy': 'within policy',
  'due-soon': 'due soon',
  overdue: 'overdue',
  pending: 'version pending',
  deferred: 'deferred',
  error: 'error',
};

export const STATUS_MEANINGS: Readonly<Record<KeyStatus, string>> = {
  'within-policy': 'the key is as its config declares',
  'due-soon': 'within policy; rotation falls due within rotation.warnBefore',
  overdue: 'the newest version is older than rotation.maxAge',
  pending: 'a declared version does not exist yet; the next apply creates it',
  deferred: 'a declared version waits for the interval the service keeps between versions',
  error: 'kmsctl cannot act on the key (see the plan column)',
};

export function reportCss(): string {
  const badges = Object.entries(STATUS_COLOURS)
    .map(([status, colour]) => `.status-${status} .badge, .counts .status-${status} .count { background: ${colour}; }`)
    .join('\n');
  return `
:root { color-scheme: light; --ink: #1d2127; --muted: #5b6470; --rule: #d9dde3; --paper: #ffffff; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--paper); }
header h1 { margin: 0 0 4px; font-size: 22px; }
.meta { margin: 0; color: var(--muted); }
.summary { margin: 20px 0; padding: 16px 20px; border: 1px solid var(--rule); border-radius: 8px; background: var(--band); }
.sentence { margin: 0 0 10px; font-size: 20px; font-weight: 600; }
.counts { display: flex; flex-wrap: wrap; gap: 8px 18px; margin: 0; padding: 0; list-style: none; }
.counts li { display: flex; align-items: center; gap: 6px; }
.count { display: inline-block; min-width: 26px; padding: 1px 7px; border-radius: 10px; color: #fff; font-weight: 600; text-align: center; }
.drift { margin: 10px 0 0; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 20px; margin: 0 0 16px; color: var(--muted); font-size: 12px; }
.legend svg { vertical-align: middle; }
h2 { margin: 28px 0 8px; font-size: 17px; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th:nth-child(1) { width: 200px; } th:nth-child(2) { width: 215px; } th:nth-child(3) { width: 150px; } th:nth-child(4) { width: 420px; }
th { text-align: left; font-size: 12px; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--rule); padding: 6px 8px; vertical-align: bottom; }
td { border-bottom: 1px solid var(--rule); padding: 8px; vertical-align: top; }
td.name code { font-size: 12px; color: var(--muted); word-break: break-all; }
td.reason { font-size: 12px; color: var(--muted); max-width: 340px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; white-space: nowrap; }
.when { display: block; margin-top: 4px; font-size: 12px; color: var(--muted); white-space: nowrap; }
.age-text { display: block; font-size: 12px; white-space: nowrap; }
.error-code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
footer dt { font-weight: 600; }
footer dd { margin: 0 0 6px; }
@media print { body { padding: 0; } .summary { break-inside: avoid; } tr { break-inside: avoid; } }
${badges}
`;
}
