/**
 * The plan as a pull-request comment: a heading, a summary table (a row per account when the plan spans
 * several), the locations that could not be read, a table of keys (grouped by account, then region,
 * with an Account column when any key names one), and the details (what will be created, errors with
 * hints, drift, due dates) folded in a <details> block. User text is escaped so a name or message
 * cannot break the tables or inject HTML.
 */
import { displayText } from '../diagnostics/display-text.js';
import type { LocationProblem } from '../operations/location-problems.js';
import { assertNever, type KeyPlan, type Plan, type PlanSummary } from '../plan/types.js';
import { describePlannedVersion } from './describe-version.js';
import { locationProblemLine } from './location-problem-text.js';
import { accountLabel, dueSoonCount, groupByAccount, spansAccounts, summariesByAccount } from './plan-by-account.js';
import { MARK_SYMBOLS, markOf } from './plan-marks.js';
import { summaryLine } from './plan-text.js';

/** Marks the comment so a CI job can find and update its previous one. */
export const PLAN_COMMENT_MARKER = '<!-- kmsctl-plan -->';

/** Escapes text for a table cell or a list item: HTML, Markdown emphasis and links, pipes, new lines, control characters. */
export function escapeMarkdown(text: string): string {
  return displayText(
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]|~])/g, '\\$1')
      .replace(/\r?\n/g, ' '),
  );
}

export interface PlanMarkdownMeta {
  kmsctlVersion: string;
  /** Locations none of whose keys could be read. */
  problems?: readonly LocationProblem[] | undefined;
}

/** Renders the plan as GitHub-flavoured Markdown. Ends with a newline. */
export function renderPlanMarkdown(plan: Plan, meta: PlanMarkdownMeta): string {
  const lines: string[] = [
    PLAN_COMMENT_MARKER,
    '### kmsctl plan',
    '',
    `**${summaryLine(plan)}** Planned at ${plan.createdAt} by kmsctl ${escapeMarkdown(meta.kmsctlVersion)}.`,
    '',
    ...summaryTable(plan),
    '',
  ];
  const problems = meta.problems ?? [];
  if (problems.length > 0) {
    lines.push('**Could not read these locations** (each key there is an error):', '', ...problems.map((p) => `- ${escapeMarkdown(locationProblemLine(p))}`), '');
  }
  if (plan.keys.length === 0) {
    lines.push('No keys declared.');
  } else {
    const withAccount = plan.keys.some((key) => key.account !== undefined);
    lines.push(withAccount ? '| Action | Name | Account | Region | Key | Reason |' : '| Action | Name | Key | Region | Reason |', withAccount ? '|---|---|---|---|---|---|' : '|---|---|---|---|---|');
    for (const group of groupByAccount(plan.keys)) {
      for (const key of group.keys) {
        const cells = withAccount ? [actionLabel(key), key.name, accountLabel(key.account), key.region, key.keyId, key.reason] : [actionLabel(key), key.name, key.keyId, key.region, key.reason];
        lines.push(`| ${cells.map(escapeMarkdown).join(' | ')} |`);
      }
    }
  }
  const detailed = groupByAccount(plan.keys)
    .flatMap((group) => group.keys)
    .map((key) => [key, keyDetails(key)] as const)
    .filter(([, d]) => d.length > 0);
  if (detailed.length > 0) {
    lines.push('', `<details><summary>${escapeMarkdown(detailsTitle(plan))}</summary>`, '');
    for (const [key, items] of detailed) {
      lines.push(`#### ${escapeMarkdown(`${MARK_SYMBOLS[markOf(key)]} ${key.name}`)}`, '', ...items.map((item) => `- ${item}`), '');
    }
    lines.push('</details>');
  }
  return `${lines.join('\n')}\n`;
}

/** The counts: one row, or a row per account and a total when the plan spans several accounts. */
function summaryTable(plan: Plan): string[] {
  const cells = (summary: PlanSummary, dueSoon: number): string => `${summary.create} | ${summary.deferred} | ${summary.error} | ${summary.noop} | ${dueSoon} | ${summary.drift}`;
  if (!spansAccounts(plan.keys)) {
    return ['| Create | Deferred | Error | Unchanged | Due soon | Drifted versions |', '|---:|---:|---:|---:|---:|---:|', `| ${cells(plan.summary, dueSoonCount(plan.keys))} |`];
  }
  return [
    '| Account | Create | Deferred | Error | Unchanged | Due soon | Drifted versions |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...summariesByAccount(plan).map(({ account, summary, dueSoon }) => `| ${escapeMarkdown(accountLabel(account))} | ${cells(summary, dueSoon)} |`),
    `| **all** | ${cells(plan.summary, dueSoonCount(plan.keys))} |`,
  ];
}

function actionLabel(key: KeyPlan): string {
  const mark = markOf(key);
  return `${MARK_SYMBOLS[mark]} ${mark === 'due-soon' ? 'due soon' : mark}`;
}

function detailsTitle(plan: Plan): string {
  const { create, deferred, error, drift } = plan.summary;
  const dueSoon = dueSoonCount(plan.keys);
  const parts = [
    create > 0 ? `${create} to create` : undefined,
    deferred > 0 ? `${deferred} deferred` : undefined,
    error > 0 ? `${error} ${error === 1 ? 'error' : 'errors'}` : undefined,
    dueSoon > 0 ? `${dueSoon} due soon` : undefined,
    drift > 0 ? `${drift} drifted ${drift === 1 ? 'version' : 'versions'}` : undefined,
  ].filter((p) => p !== undefined);
  return `Details: ${parts.join(', ')}`;
}

/** List items (already escaped) that say more than the table's reason. */
function keyDetails(key: KeyPlan): string[] {
  const items: string[] = [];
  switch (key.action) {
    case 'create':
      items.push(`will create: ${escapeMarkdown(describePlannedVersion(key.create))}`);
      if (key.nextEarliest !== undefined) {
        items.push(`then ${key.remaining} more wanted, the next from ${key.nextEarliest}`);
      }
      break;
    case 'deferred':
      items.push(
        `earliest: ${key.earliest}`,
        `will create: ${escapeMarkdown(describePlannedVersion(key.create))}${key.wanted > 1 ? ` (1 of ${key.wanted} wanted)` : ''}`,
      );
      break;
    case 'error': {
      const { code, message, hint, apiCode, requestId } = key.error;
      items.push(`error \`${code}\`: ${escapeMarkdown(message)}`);
      if (hint !== undefined) items.push(`hint: ${escapeMarkdown(hint)}`);
      if (apiCode !== undefined) items.push(`service code ${escapeMarkdown(apiCode)}${requestId === undefined ? '' : `, RequestId ${escapeMarkdown(requestId)}`}`);
      break;
    }
    case 'no-op':
      if (key.dueSoon !== undefined) items.push(`due soon: rotation falls due at ${escapeMarkdown(key.dueSoon)}, within rotation.warnBefore`);
      break;
    default:
      assertNever(key, 'key plan');
  }
  if (key.drift.length > 0) {
    const ids = key.drift.map((d) => `${escapeMarkdown(d.versionId)} (created ${escapeMarkdown(d.creationDate)})`);
    items.push(`drift, not declared: ${ids.join(', ')}; record with \`kmsctl pin --adopt\` or add \`id:\` entries`);
  }
  if (items.length > 0 && key.account !== undefined) items.unshift(`account ${escapeMarkdown(key.account)}, ${escapeMarkdown(key.region)}`);
  return items;
}
