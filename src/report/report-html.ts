/**
 * The report as one self-contained HTML page: inline CSS, inline SVG, no script and no URL to load, so
 * it opens from an e-mail attachment or an artifact store and looks the same years later. Numbers an
 * auditor reads are in the text; the same numbers are in `data-*` attributes for machines (and tests).
 */
import { formatDuration } from '../plan/instant.js';
import { KEY_STATUSES, type FleetReport, type ReportGroup, type ReportKey } from './fleet-report.js';
import { escapeHtml } from './html-escape.js';
import { reportCss, STATUS_LABELS, STATUS_MEANINGS } from './report-style.js';
import { ageBarSvg, axisSvg, legendDot, timeAxisOf, timelineSvg, type TimeAxis } from './timeline-svg.js';

export interface ReportPageMeta {
  kmsctlVersion: string;
  /** The config files the keys come from, as given. */
  configFiles: readonly string[];
}

export function renderReportHtml(report: FleetReport, meta: ReportPageMeta): string {
  const axis = timeAxisOf(report);
  const title = `Key rotation report: ${report.summary.sentence}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kmsctl ${escapeHtml(meta.kmsctlVersion)}">
<title>${escapeHtml(title)}</title>
<style>${reportCss()}</style>
</head>
<body>
<header>
<h1>Key rotation report</h1>
<p class="meta">Made by kmsctl ${escapeHtml(meta.kmsctlVersion)} at <time datetime="${report.generatedAt}">${report.generatedAt}</time> (the service's clock) from ${escapeHtml(meta.configFiles.join(', ') || 'the config')}. Ages are measured from that instant.</p>
</header>
${summarySection(report)}
${legend()}
${report.groups.map((group) => groupSection(group, axis)).join('\n')}
${footer()}
</body>
</html>
`;
}

function summarySection(report: FleetReport): string {
  const { summary } = report;
  const counts = KEY_STATUSES.map((status) => `<li class="status-${status}" data-status="${status}"><span class="count">${summary.byStatus[status]}</span> ${STATUS_LABELS[status]}</li>`).join('');
  const drift = summary.driftVersions === 0 ? '' : `<p class="drift" id="drift">${summary.driftVersions} live version${summary.driftVersions === 1 ? ' is' : 's are'} not declared in the config (drift).</p>`;
  return `<section class="summary" id="summary" data-keys="${summary.keys}" data-within-policy="${summary.withinPolicy}" data-drift-versions="${summary.driftVersions}">
<p class="sentence" id="summary-sentence">${escapeHtml(summary.sentence)}</p>
<ul class="counts">${counts}</ul>
${drift}
</section>`;
}

function legend(): string {
  return `<p class="legend"><span>${legendDot('version')} a version</span><span>${legendDot('primary')} the primary (newest) version</span><span>${legendDot('drift')} a version the config does not declare</span><span>shaded: the newest version is within rotation.maxAge; red: past it; dashed line: now</span></p>`;
}

function groupSection(group: ReportGroup, axis: TimeAxis): string {
  const heading = `${group.account ?? 'base identity'} · ${group.region}`;
  return `<section class="group" data-account="${escapeHtml(group.account ?? '')}" data-region="${escapeHtml(group.region)}">
<h2>${escapeHtml(heading)}</h2>
<table>
<thead><tr><th>Key</th><th>Status</th><th>Newest version: age / rotation.maxAge</th><th>Versions<br>${axisSvg(axis)}</th><th>Plan</th></tr></thead>
<tbody>
${group.keys.map((key) => keyRow(key, axis)).join('\n')}
</tbody>
</table>
</section>`;
}

function keyRow(key: ReportKey, axis: TimeAxis): string {
  const data = [
    `data-key="${escapeHtml(key.name)}"`,
    `data-status="${key.status}"`,
    `data-versions="${key.versions.length}"`,
    `data-age-seconds="${key.newest?.ageSeconds ?? ''}"`,
    `data-max-age-seconds="${key.maxAgeSeconds ?? ''}"`,
  ].join(' ');
  const identity = [key.resolvedKeyId ?? key.keyId, [key.keySpec, key.keyState].filter((p) => p !== undefined).join(' · ')].filter((p) => p !== '');
  return `<tr class="key status-${key.status}" ${data}>
<td class="name"><strong>${escapeHtml(key.name)}</strong><br><code>${identity.map(escapeHtml).join('</code><br><code>')}</code></td>
<td class="status"><span class="badge">${STATUS_LABELS[key.status]}</span>${whenLine(key)}</td>
<td class="age">${ageCell(key)}</td>
<td class="timeline">${timelineSvg(key, axis)}</td>
<td class="reason">${key.error === undefined ? '' : `<span class="error-code">${escapeHtml(key.error.code)}</span>: `}${escapeHtml(key.reason)}</td>
</tr>`;
}

function whenLine(key: ReportKey): string {
  if (key.status === 'deferred' && key.deferredUntil !== undefined) return `<span class="when">from ${key.deferredUntil}</span>`;
  if (key.dueAt === undefined) return '';
  const verb = key.status === 'overdue' ? 'due since' : 'due';
  return `<span class="when">${verb} ${key.dueAt}</span>`;
}

function ageCell(key: ReportKey): string {
  if (key.newest === undefined) return '<span class="age-text">not read</span>';
  const age = formatDuration(key.newest.ageSeconds * 1000);
  if (key.maxAgeSeconds === undefined) return `<span class="age-text">${age}</span><span class="when">no rotation.maxAge</span>`;
  return `${ageBarSvg(key)}<span class="age-text">${age} of ${escapeHtml(key.maxAge ?? '')}</span>`;
}

function footer(): string {
  const terms = KEY_STATUSES.map((status) => `<dt>${STATUS_LABELS[status]}</dt><dd>${STATUS_MEANINGS[status]}</dd>`).join('');
  return `<footer>
<p>Within policy counts the keys that are within policy or due soon. The figures come from the plan kmsctl makes of the same read (what "kmsctl plan" would show) and the live versions; the same figures are in the JSON file written beside this page.</p>
<dl>${terms}</dl>
</footer>`;
}
