/**
 * The plan as text, read like Terraform's: a legend of the symbols used, then for each key that has
 * something to say a line with its symbol, name and a short phrase, and its details indented below
 * (key, why, what comes later, drift, errors with hint and config position), every line wrapped to the
 * width of the terminal; keys with nothing to do and nothing to report are only counted. Formatting
 * only: every fact comes from the Plan.
 */
import { displayText } from '../diagnostics/display-text.js';
import { entryName } from '../plan/entry-name.js';
import { assertNever, type KeyPlan, type Plan, type PlanAction, type VersionMatch } from '../plan/types.js';
import { describePlannedVersion } from './describe-version.js';
import { formatRelative } from './format-time.js';
import { createStyle, type Style } from './style.js';
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
}

/** ASCII symbols, one per action, shown in the legend. None is `-`, which a Terraform user reads as "destroy". */
export const ACTION_SYMBOLS: Record<PlanAction, string> = { create: '+', deferred: '>', error: '!', 'no-op': '=' };

const LEGEND: Record<PlanAction, string> = {
  create: 'create a version',
  deferred: 'deferred: the service allows one version every 7 days',
  error: 'error: cannot get the version it wants',
  'no-op': 'no change (listed when there is drift)',
};

/** Details are indented under their key, with a label column this wide. */
const INDENT = '    ';
const LABEL_WIDTH = 10;

/** Renders the plan for a terminal or a log. Ends with a newline. */
export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  const style = createStyle(options.color);
  const now = options.now ?? new Date(plan.createdAt);
  const width = options.width ?? 100;
  const lines: string[] = [];
  const shown = plan.keys.filter((key) => key.action !== 'no-op' || key.drift.length > 0);
  if (plan.keys.length === 0) {
    lines.push('No keys declared.', '');
  } else if (shown.length === 0) {
    lines.push('No changes: every key is as the config declares.', '');
  } else {
    const used = (Object.keys(LEGEND) as PlanAction[]).filter((action) => shown.some((key) => key.action === action));
    lines.push('kmsctl will take these actions, shown with these symbols:', ...used.map((action) => `  ${symbol(action, style)} ${LEGEND[action]}`), '');
    for (const key of shown) lines.push(...renderKey(key, style, now, width, options.positions?.get(key.name)), '');
  }
  lines.push(style.bold(summaryLine(plan)));
  if (plan.summary.drift > 0) lines.push(...wrapText(driftLine(plan.summary.drift), width, '', '  ').map((line) => style.yellow(line)));
  return `${lines.join('\n')}\n`;
}

/** `Plan: 1 to create, 1 deferred, 0 errors, 2 unchanged.`: one count per key, adding up to the keys. */
export function summaryLine(plan: Plan): string {
  const { create, deferred, error, noop } = plan.summary;
  return `Plan: ${create} to create, ${deferred} deferred, ${error} ${error === 1 ? 'error' : 'errors'}, ${noop} unchanged.`;
}

/** The drift note under the summary, with the command that records the drifted versions. */
export function driftLine(drift: number): string {
  return `Drift: ${drift} live ${drift === 1 ? 'version is' : 'versions are'} not declared in the config; "kmsctl pin --adopt" records ${drift === 1 ? 'it' : 'them'}.`;
}

export function symbol(action: PlanAction, style: Style): string {
  const text = ACTION_SYMBOLS[action];
  switch (action) {
    case 'create':
      return style.green(text);
    case 'deferred':
      return style.yellow(text);
    case 'error':
      return style.red(text);
    case 'no-op':
      return style.dim(text);
    default:
      return assertNever(action, 'plan action');
  }
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
    case 'no-op':
      return key.drift.length > 0 ? `no change; ${key.drift.length} live ${key.drift.length === 1 ? 'version' : 'versions'} not declared` : 'no change';
    default:
      return assertNever(key, 'key plan');
  }
}

function renderKey(key: KeyPlan, style: Style, now: Date, width: number, position: string | undefined): string[] {
  const head = `${symbol(key.action, style)} ${style.bold(displayText(key.name))}: ${displayText(keyPhrase(key, now))}`;
  const where = `${key.keyId} in ${key.region}${key.action === 'error' && position !== undefined ? ` (${position})` : ''}`;
  const details: [string, string][] = [['key', where], ...detailsOf(key, now)];
  return [head, ...details.flatMap(([label, text]) => detail(label, text, width))];
}

function detailsOf(key: KeyPlan, now: Date): [string, string][] {
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
    case 'error': {
      const { message, apiCode, requestId, hint } = key.error;
      const service = [apiCode, requestId === undefined ? undefined : `RequestId ${requestId}`].filter((p) => p !== undefined);
      const lines: [string, string][] = [['error', `${message}${service.length > 0 && !message.includes(requestId ?? '\u0000') ? ` (${service.join(', ')})` : ''}`]];
      if (hint !== undefined) lines.push(['hint', hint]);
      return [...lines, ...driftDetails(key)];
    }
    case 'no-op':
      return [['why', key.reason], ...driftDetails(key)];
    default:
      return assertNever(key, 'key plan');
  }
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
