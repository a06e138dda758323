/**
 * The plan as text, in the spirit of Terraform: a legend, one line per key (symbol, name, key, region,
 * reason), indented details, and the summary line. Formatting only: every fact comes from the Plan.
 */
import { entryName } from '../plan/entry-name.js';
import { assertNever, type KeyPlan, type Plan, type PlanAction, type VersionMatch } from '../plan/types.js';
import { describePlannedVersion } from './describe-version.js';
import { formatRelative } from './format-time.js';
import { createStyle, type Style } from './style.js';

export interface PlanTextOptions {
  /** ANSI colours; the CLI turns them on for a terminal without NO_COLOR / --no-color. */
  color: boolean;
  /** The time relative times are measured from; default the plan's own time. */
  now?: Date;
}

/** ASCII symbols, one per action, shown in the legend. */
export const ACTION_SYMBOLS: Record<PlanAction, string> = { create: '+', deferred: '>', error: '!', 'no-op': '=' };

const LEGEND: [PlanAction, string][] = [
  ['create', 'create a version'],
  ['deferred', 'deferred (7 days between versions)'],
  ['error', 'error'],
  ['no-op', 'no change'],
];

const DETAIL = '    ';

/** Renders the plan for a terminal or a log. Ends with a newline. */
export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  const style = createStyle(options.color);
  const now = options.now ?? new Date(plan.createdAt);
  const lines: string[] = [];
  const used = new Set(plan.keys.map((k) => k.action));
  if (used.size > 0) {
    const legend = LEGEND.filter(([action]) => used.has(action)).map(([action, text]) => `${symbol(action, style)} ${text}`);
    lines.push(`Actions: ${legend.join(', ')}`, '');
  } else {
    lines.push('No keys declared.', '');
  }
  for (const key of plan.keys) lines.push(...renderKey(key, style, now), '');
  lines.push(style.bold(summaryLine(plan)));
  if (plan.summary.drift > 0) {
    const n = plan.summary.drift;
    lines.push(style.yellow(`Drift: ${n} live ${n === 1 ? 'version is' : 'versions are'} not declared in the config.`));
  }
  return `${lines.join('\n')}\n`;
}

/** `Plan: 1 to create, 1 deferred, 0 errors.` */
export function summaryLine(plan: Plan): string {
  const { create, deferred, error } = plan.summary;
  return `Plan: ${create} to create, ${deferred} deferred, ${error} ${error === 1 ? 'error' : 'errors'}.`;
}

function symbol(action: PlanAction, style: Style): string {
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

function renderKey(key: KeyPlan, style: Style, now: Date): string[] {
  const head = `${symbol(key.action, style)} ${style.bold(key.name)} (${key.keyId} in ${key.region}): ${key.reason}`;
  return [head, ...details(key, style, now).map((line) => `${DETAIL}${line}`)];
}

function details(key: KeyPlan, style: Style, now: Date): string[] {
  switch (key.action) {
    case 'create': {
      const lines = [`will create: ${describePlannedVersion(key.create)}`, ...unpinnedMatches(key.matches)];
      if (key.nextEarliest !== undefined) {
        lines.push(`then: ${key.remaining} more ${key.remaining === 1 ? 'version' : 'versions'} wanted, the next from ${at(key.nextEarliest, now)}`);
      }
      return [...lines, ...driftLines(key, style)];
    }
    case 'deferred':
      return [
        `earliest: ${style.yellow(at(key.earliest, now))}`,
        `will create: ${describePlannedVersion(key.create)}${key.wanted > 1 ? ` (1 of ${key.wanted} wanted)` : ''}`,
        ...unpinnedMatches(key.matches),
        ...driftLines(key, style),
      ];
    case 'error': {
      const { code, apiCode, requestId, hint } = key.error;
      const service = [apiCode, requestId === undefined ? undefined : `RequestId ${requestId}`].filter((p) => p !== undefined);
      const lines = [style.red(`error ${code}${service.length > 0 ? ` (${service.join(', ')})` : ''}`)];
      if (hint !== undefined) lines.push(`hint: ${hint}`);
      return [...lines, ...driftLines(key, style)];
    }
    case 'no-op':
      return driftLines(key, style);
    default:
      return assertNever(key, 'key plan');
  }
}


/** Unpinned matches are the planner's inference, so they are shown where they decide what is created. */
function unpinnedMatches(matches: readonly VersionMatch[]): string[] {
  return matches
    .filter((m) => !m.pinned)
    .map((m) => `matched: ${entryName(m.entry, m.label)} is ${m.versionId} (created ${m.creationDate}, not pinned)`);
}

function driftLines(key: KeyPlan, style: Style): string[] {
  if (key.drift.length === 0) return [];
  const n = key.drift.length;
  return [
    style.yellow(`drift: ${n} live ${n === 1 ? 'version' : 'versions'} not declared:`),
    ...key.drift.map((d) => `  - ${d.versionId}  created ${d.creationDate}`),
    `hint: pin ${n === 1 ? 'it' : 'them'} with \`kmsctl import\`, or add \`id:\` entries to versions`,
  ];
}

function at(iso: string, now: Date): string {
  const relative = formatRelative(iso, now);
  return relative === undefined ? iso : `${iso} (${relative})`;
}
