/**
 * The plan as text, read like Terraform's: a legend of the symbols used, the locations that could not
 * be read (once each), then for each key that has something to say a line with its symbol, name and a
 * short phrase, and its details indented below (key, account and region, why, what comes later, drift,
 * errors with hint and config positions), every line wrapped to the width of the terminal; keys with
 * nothing to do and nothing to report are only counted. A plan over several accounts is grouped by
 * account, then region, and its summary gives each account's counts. Formatting only: every fact
 * comes from the Plan.
 */
import type { SourceRange } from '../diagnostics/diagnostic.js';
import { displayText } from '../diagnostics/display-text.js';
import { entryName } from '../plan/entry-name.js';
import { assertNever, type KeyPlan, type Plan, type PlanSummary, type VersionMatch } from '../plan/types.js';
import { inProblemLocation, type LocationProblem } from '../operations/location-problems.js';
import { describePlannedVersion } from './describe-version.js';
import { formatRelative } from './format-time.js';
import { locationProblemLine } from './location-problem-text.js';
import { accountLabel, dueSoonCount, groupByAccount, spansAccounts, summariesByAccount } from './plan-by-account.js';
import { MARK_LEGEND, MARK_SYMBOLS, markOf, paintMark, type KeyMark } from './plan-marks.js';
import { createStyle, type Style } from '../style.js';
import { wrapText } from './wrap.js';

export interface PlanTextOptions {
  /** ANSI colours; the CLI decides (render/style.ts `colorEnabled`). */
  color: boolean;
  /** The time relative times are measured from; default the plan's own time. */
  now?: Date;
  /** Columns to wrap to (default 100). */
  width?: number;
  /** Where each key is declared, `kmsctl.yaml:12:3`, shown for keys in error. */
  positions?: ReadonlyMap<string, string> | undefined;
  /** `kmsctl.yaml:20:3` for a config range: the other entries an error is about. */
  locate?: ((range: SourceRange) => string) | undefined;
  /** Locations none of whose keys could be read. */
  problems?: readonly LocationProblem[] | undefined;
}

/** Details are indented under their key, with a label column this wide. */
const INDENT = '    ';
const LABEL_WIDTH = 10;

/** Renders the plan for a terminal or a log. Ends with a newline. */
export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  const style = createStyle(options.color);
  const now = options.now ?? new Date(plan.createdAt);
  const width = options.width ?? 100;
  const problems = options.problems ?? [];
  const lines: string[] = [];
  const shown = plan.keys.filter((key) => markOf(key) !== 'no-op' || key.drift.length > 0);
  if (plan.keys.length === 0) {
    lines.push('No keys declared.', '');
  } else if (shown.length === 0) {
    lines.push('No changes: every key is as the config declares.', '');
  } else {
    const used = (Object.keys(MARK_LEGEND) as KeyMark[]).filter((mark) => shown.some((key) => markOf(key) === mark));
    lines.push('kmsctl will take these actions, shown with these symbols:', ...used.map((mark) => `  ${paintMark(mark, style)} ${MARK_LEGEND[mark]}`), '');
    if (problems.length > 0) {
      lines.push(style.bold('Could not read these locations (each key there is an error):'));
      for (const problem of problems) lines.push(...wrapText(locationProblemLine(problem), width, `  ${paintMark('error', style)} `, '      '));
      lines.push('');
    }
    const grouped = spansAccounts(plan.keys);
    for (const group of groupByAccount(shown)) {
      if (grouped) lines.push(style.bold(`Account ${accountLabel(group.account)}`), '');
      for (const key of group.keys) lines.push(...renderKey(key, style, now, width, options), '');
    }
  }
  lines.push(style.bold(summaryLine(plan)));
  if (spansAccounts(plan.keys)) {
    const summaries = summariesByAccount(plan);
    const labelWidth = Math.max(...summaries.map((s) => accountLabel(s.account).length)) + 1;
    for (const { account, summary } of summaries) lines.push(`  ${`${accountLabel(account)}:`.padEnd(labelWidth)} ${countsText(summary)}`);
  }
  const dueSoon = dueSoonCount(plan.keys);
  if (dueSoon > 0) lines.push(...wrapText(dueSoonLine(dueSoon), width, '', '  ').map((line) => style.yellow(line)));
  if (plan.summary.drift > 0) lines.push(...wrapText(driftLine(plan.summary.drift), width, '', '  ').map((line) => style.yellow(line)));
  return `${lines.join('\n')}\n`;
}

/** `Plan: 1 to create, 1 deferred, 0 errors, 2 unchanged.`: one count per key, adding up to the keys. */
export function summaryLine(plan: Plan): string {
  return `Plan: ${countsText(plan.summary)}.`;
}

/** `1 to create, 1 deferred, 0 errors, 2 unchanged`. */
export function countsText(summary: PlanSummary): string {
  const { create, deferred, error, noop } = summary;
  return `${create} to create, ${deferred} deferred, ${error} ${error === 1 ? 'error' : 'errors'}, ${noop} unchanged`;
}

/** The drift note under the summary, with the command that records the drifted versions. */
export function driftLine(drift: number): string {
  return `Drift: ${drift} live ${drift === 1 ? 'version is' : 'versions are'} not declared in the config; "kmsctl pin --adopt" records ${drift === 1 ? 'it' : 'them'}.`;
}

/** The due-soon note under the summary: keys unchanged now that fall due within their warning window. */
export function dueSoonLine(count: number): string {
  return `Due soon: ${count} ${count === 1 ? "key's rotation falls" : "keys' rotations fall"} due within rotation.warnBefore (marked ${MARK_SYMBOLS['due-soon']}).`;
}

/** The short phrase after the key's name. */
export function keyPhrase(key: KeyPlan, now: Date): string {
  switch (key.action) {
    case 'create':
      return `create ${describePlannedVersion(key.create)}`;
    case 'deferred':
      return `deferred until ${at(key.earliest, now)}`;
    case 'error':
      return `error ${key.error.code}`;
    case 'no-op': {
      const due = key.dueSoon === undefined ? '' : `; rotation due ${at(key.dueSoon, now)}`;
      return key.drift.length > 0 ? `no change${due}; ${key.drift.length} live ${key.drift.length === 1 ? 'version' : 'versions'} not declared` : `no change${due}`;
    }
    default:
      return assertNever(key, 'key plan');
  }
}

/** `alias/x in cn-hangzhou`, or `alias/x in account payments-prod, cn-hangzhou`. */
export function keyWhere(key: { keyId: string; account: string | undefined; region: string }): string {
  return key.account === undefined ? `${key.keyId} in ${key.region}` : `${key.keyId} in account ${key.account}, ${key.region}`;
}

function renderKey(key: KeyPlan, style: Style, now: Date, width: number, options: PlanTextOptions): string[] {
  const head = `${paintMark(markOf(key), style)} ${style.bold(displayText(key.name))}: ${displayText(keyPhrase(key, now))}`;
  const position = options.positions?.get(key.name);
  const where = `${keyWhere(key)}${key.action === 'error' && position !== undefined ? ` (${position})` : ''}`;
  const details: [string, string][] = [['key', where], ...detailsOf(key, now, options)];
  return [head, ...details.flatMap(([label, text]) => detail(label, text, width))];
}

function detailsOf(key: KeyPlan, now: Date, options: PlanTextOptions): [string, string][] {
  switch (key.action) {
    case 'create': {
      const lines: [string, string][] = [['why', key.reason], ...unpinnedMatches(key.matches)];
      if (key.nextEarliest !== undefined) {
        lines.push(['later', `${key.remaining} more ${key.remaining === 1 ? 'version' : 'versions'} wanted, the next from ${at(key.nextEarliest, now)}`]);
      }
      return [...lines, ...driftDetails(key)];
    }
    case 'deferred':
      return [
        ['creates', `${describePlannedVersion(key.create)}${key.wanted > 1 ? ` (1 of ${key.wanted} wanted)` : ''}`],
        ['why', key.reason],
        ...unpinnedMatches(key.matches),
        ...driftDetails(key),
      ];
    case 'error':
      return [...errorDetails(key, options), ...driftDetails(key)];
    case 'no-op':
      return [['why', key.reason], ...driftDetails(key)];
    default:
      return assertNever(key, 'key plan');
  }
}

function errorDetails(key: Extract<KeyPlan, { action: 'error' }>, options: PlanTextOptions): [string, string][] {
  // A key of a location that could not be read at all says so briefly: the location's line above has the whole story.
  const problem = key.observed === undefined ? options.problems?.find((p) => inProblemLocation(key, p) && key.error.apiCode === p.code) : undefined;
  if (problem !== undefined) return [['error', `not read: ${problem.code} for every key of ${problemWhere(problem)} (see above)`]];
  const { message, apiCode, requestId, hint, related } = key.error;
  const service = [apiCode, requestId === undefined ? undefined : `RequestId ${requestId}`].filter((p) => p !== undefined);
  const lines: [string, string][] = [['error', `${message}${service.length > 0 && !message.includes(requestId ?? '\u0000') ? ` (${service.join(', ')})` : ''}`]];
  for (const other of related ?? []) lines.push(['also', options.locate === undefined ? other.message : `${options.locate(other.source)}: ${other.message}`]);
  if (hint !== undefined) lines.push(['hint', hint]);
  return lines;
}

function problemWhere(problem: LocationProblem): string {
  return problem.account === undefined ? problem.region : `account ${problem.account}, ${problem.region}`;
}

/** Unpinned matches are the planner's inference, so they are shown where they decide what is created. */
function unpinnedMatches(matches: readonly VersionMatch[]): [string, string][] {
  return matches.filter((m) => !m.pinned).map((m) => ['matched', `${entryName(m.entry, m.label)} is ${m.versionId} (created ${m.creationDate}; not pinned)`]);
}

function driftDetails(key: KeyPlan): [string, string][] {
  if (key.drift.length === 0) return [];
  const n = key.drift.length;
  return [
    ...key.drift.map((d): [string, string] => ['drift', `${d.versionId} (created ${d.creationDate}) is not declared`]),
    ['hint', `record ${n === 1 ? 'it' : 'them'} with "kmsctl pin --adopt --target ${key.name}", or add id: entries to versions`],
  ];
}

function detail(label: string, text: string, width: number): string[] {
  const first = `${INDENT}${`${label}:`.padEnd(LABEL_WIDTH)}`;
  return wrapText(displayText(text), width, first, ' '.repeat(first.length));
}

function at(iso: string, now: Date): string {
  const relative = formatRelative(iso, now);
  return relative === undefined ? iso : `${iso} (${relative})`;
}
