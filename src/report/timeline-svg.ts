/**
 * The report's pictures as inline SVG (nothing to fetch, nothing to run): one time axis for the whole
 * page, so keys compare at a glance; per key a timeline of its versions (dots; a hollow red one is a
 * version nothing declares), the span its newest version is within `rotation.maxAge`, the due date and
 * the report's instant; and a bar of the newest version's age against `maxAge`. Every mark has a
 * `<title>`, which browsers show on hover and screen readers read.
 */
import { formatInstant } from '../plan/instant.js';
import type { FleetReport, ReportKey } from './fleet-report.js';
import { escapeHtml } from './html-escape.js';
import { STATUS_COLOURS } from './report-style.js';

export const TIMELINE_WIDTH = 400;
const ROW_HEIGHT = 30;
const AXIS_HEIGHT = 26;
const SIDE = 8;
const DAY_MS = 86_400_000;
const AGE_BAR_WIDTH = 140;
const DRIFT_COLOUR = STATUS_COLOURS.overdue;

export interface TimeAxis {
  startMs: number;
  endMs: number;
  nowMs: number;
}

/** From the oldest version to the latest due date (or now), with a little room on both sides. */
export function timeAxisOf(report: FleetReport): TimeAxis {
  const nowMs = Date.parse(report.generatedAt);
  const instants = [nowMs];
  for (const key of report.groups.flatMap((g) => g.keys)) {
    for (const version of key.versions) instants.push(Date.parse(version.creationDate));
    for (const date of [key.dueAt, key.deferredUntil]) if (date !== undefined) instants.push(Date.parse(date));
  }
  const finite = instants.filter(Number.isFinite);
  let start = Math.min(...finite);
  let end = Math.max(...finite);
  if (end - start < 30 * DAY_MS) start = end - 30 * DAY_MS;
  const margin = (end - start) * 0.03;
  start -= margin;
  end += margin;
  return { startMs: start, endMs: end, nowMs };
}

function xOf(axis: TimeAxis, ms: number): number {
  const ratio = (ms - axis.startMs) / (axis.endMs - axis.startMs);
  return round(SIDE + Math.min(1, Math.max(0, ratio)) * (TIMELINE_WIDTH - 2 * SIDE));
}

/** The axis above a group's timelines: five ticks, the outer and middle ones dated, and the report's instant. */
export function axisSvg(axis: TimeAxis): string {
  const anchors: Readonly<Record<number, string>> = { 0: 'start', 0.5: 'middle', 1: 'end' };
  const marks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const ms = axis.startMs + f * (axis.endMs - axis.startMs);
    const x = xOf(axis, ms);
    const anchor = anchors[f];
    const label = anchor === undefined ? '' : `<text x="${x}" y="${AXIS_HEIGHT - 10}" text-anchor="${anchor}" font-size="10" fill="#5b6470">${formatInstant(ms).slice(0, 10)}</text>`;
    return `<line x1="${x}" y1="${AXIS_HEIGHT - 6}" x2="${x}" y2="${AXIS_HEIGHT}" stroke="#9aa3ad"/>${label}`;
  });
  const now = xOf(axis, axis.nowMs);
  return svg(TIMELINE_WIDTH, AXIS_HEIGHT, 'time axis', [`<line x1="${SIDE}" y1="${AXIS_HEIGHT - 1}" x2="${TIMELINE_WIDTH - SIDE}" y2="${AXIS_HEIGHT - 1}" stroke="#9aa3ad"/>`, ...marks, `<path d="M${now - 4} ${AXIS_HEIGHT - 7} L${now + 4} ${AXIS_HEIGHT - 7} L${now} ${AXIS_HEIGHT - 1} Z" fill="#1d2127"><title>now: ${formatInstant(axis.nowMs)}</title></path>`]);
}

/** One key's versions on the page's axis. */
export function timelineSvg(key: ReportKey, axis: TimeAxis): string {
  const mid = ROW_HEIGHT / 2;
  const colour = STATUS_COLOURS[key.status];
  const parts: string[] = [];
  const now = xOf(axis, axis.nowMs);
  const first = key.versions[0];
  if (first === undefined) {
    return svg(TIMELINE_WIDTH, ROW_HEIGHT, `${key.name}: no versions read`, [`<text x="${SIDE}" y="${mid + 4}" font-size="11" fill="#5b6470">no versions read</text>`]);
  }
  parts.push(`<line x1="${xOf(axis, Date.parse(first.creationDate))}" y1="${mid}" x2="${now}" y2="${mid}" stroke="#b9c0c8" stroke-width="2"/>`);
  if (key.newest !== undefined && key.dueAt !== undefined) {
    const from = xOf(axis, Date.parse(key.newest.creationDate));
    const due = xOf(axis, Date.parse(key.dueAt));
    parts.push(`<rect x="${from}" y="${mid - 5}" width="${Math.max(0, due - from)}" height="10" rx="3" fill="${STATUS_COLOURS['within-policy']}" fill-opacity="0.18"><title>within rotation.maxAge (${escapeHtml(key.maxAge ?? '')}) until ${key.dueAt}</title></rect>`);
    if (due < now) parts.push(`<rect x="${due}" y="${mid - 5}" width="${now - due}" height="10" fill="${STATUS_COLOURS.overdue}" fill-opacity="0.28"><title>overdue since ${key.dueAt}</title></rect>`);
    parts.push(`<line x1="${due}" y1="${mid - 9}" x2="${due}" y2="${mid + 9}" stroke="${colour}" stroke-width="2"><title>rotation due ${key.dueAt}</title></line>`);
  }
  if (key.deferredUntil !== undefined) {
    const at = xOf(axis, Date.parse(key.deferredUntil));
    parts.push(`<path d="M${at - 4} ${mid - 10} L${at + 4} ${mid - 10} L${at} ${mid - 4} Z" fill="${STATUS_COLOURS.deferred}"><title>next version allowed from ${key.deferredUntil}</title></path>`);
  }
  parts.push(`<line x1="${now}" y1="2" x2="${now}" y2="${ROW_HEIGHT - 2}" stroke="#1d2127" stroke-dasharray="2 2"/>`);
  for (const version of key.versions) {
    const x = xOf(axis, Date.parse(version.creationDate));
    const title = `${escapeHtml(version.versionId)}, created ${escapeHtml(version.creationDate)}${version.primary ? ', primary' : ''}${version.declared ? '' : ', not declared in the config (drift)'}`;
    const look = version.declared ? `fill="${version.primary ? colour : '#4a525c'}" stroke="#ffffff"` : `fill="#ffffff" stroke="${DRIFT_COLOUR}" stroke-width="2"`;
    parts.push(`<circle cx="${x}" cy="${mid}" r="${version.primary ? 5.5 : 4.5}" ${look}><title>${title}</title></circle>`);
  }
  return svg(TIMELINE_WIDTH, ROW_HEIGHT, `${key.name}: ${key.versions.length} versions`, parts);
}

/** The newest version's age against maxAge: full at maxAge, red past it. */
export function ageBarSvg(key: ReportKey): string {
  if (key.newest === undefined || key.maxAgeSeconds === undefined) return '';
  const ratio = key.newest.ageSeconds / key.maxAgeSeconds;
  const fill = Math.round(Math.min(1, ratio) * AGE_BAR_WIDTH);
  const colour = STATUS_COLOURS[key.status];
  return svg(AGE_BAR_WIDTH, 10, `newest version at ${Math.round(ratio * 100)}% of rotation.maxAge`, [
    `<rect x="0" y="0" width="${AGE_BAR_WIDTH}" height="10" rx="3" fill="#e3e7ec"/>`,
    `<rect x="0" y="0" width="${fill}" height="10" rx="3" fill="${colour}"/>`,
  ]);
}

/** A small legend mark: a version dot as the timelines draw it. */
export function legendDot(kind: 'version' | 'primary' | 'drift'): string {
  const look = kind === 'drift' ? `fill="#ffffff" stroke="${DRIFT_COLOUR}" stroke-width="2"` : `fill="${kind === 'primary' ? STATUS_COLOURS['within-policy'] : '#4a525c'}"`;
  return svg(14, 14, kind, [`<circle cx="7" cy="7" r="4.5" ${look}/>`]);
}

function svg(width: number, height: number, label: string, parts: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">${parts.join('')}</svg>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
