/**
 * The plan as a pull-request comment: a heading, a summary table, a table of keys, and the details
 * (what will be created, errors with hints, drift) folded in a <details> block. User text is escaped
 * so a name or message cannot break the tables or inject HTML.
 */
import { displayText } from '../diagnostics/display-text.js';
import { assertNever, type KeyPlan, type Plan, type PlanAction } from '../plan/types.js';
import { describePlannedVersion } from './describe-version.js';
import { ACTION_SYMBOLS, summaryLine } from './plan-text.js';

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

/** Renders the plan as GitHub-flavoured Markdown. Ends with a newline. */
export function renderPlanMarkdown(plan: Plan, meta: { kmsctlVersion: string }): string {
  const s = plan.summary;
  const lines: string[] = [
    PLAN_COMMENT_MARKER,
    '### kmsctl plan',
    '',
    `**${summaryLine(plan)}** Planned at ${plan.createdAt} by kmsctl ${escapeMarkdown(meta.kmsctlVersion)}.`,
    '',
    '| Create | Deferred | Error | Unchanged | Drifted versions |',
    '|---:|---:|---:|---:|---:|',
    `| ${s.create} | ${s.deferred} | ${s.error} | ${s.noop} | ${s.drift} |`,
    '',
  ];
  if (plan.keys.length === 0) {
    lines.push('No keys declared.');
  } else {
    lines.push('| Action | Name | Key | Region | Reason |', '|---|---|---|---|---|');
    for (const key of plan.keys) {
      const cells = [actionLabel(key.action), key.name, key.keyId, key.region, key.reason].map(escapeMarkdown);
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  const detailed = plan.keys.map((key) => [key, keyDetails(key)] as const).filter(([, d]) => d.length > 0);
  if (detailed.length > 0) {
    lines.push('', `<details><summary>${escapeMarkdown(detailsTitle(plan))}</summary>`, '');
    for (const [key, items] of detailed) {
      lines.push(`#### ${escapeMarkdown(`${ACTION_SYMBOLS[key.action]} ${key.name}`)}`, '', ...items.map((item) => `- ${item}`), '');
    }
    lines.push('</details>');
  }
  return `${lines.join('\n')}\n`;
}

function actionLabel(action: PlanAction): string {
  return `${ACTION_SYMBOLS[action]} ${action}`;
}

function detailsTitle(plan: Plan): string {
  const { create, deferred, error, drift } = plan.summary;
  const parts = [
    create > 0 ? `${create} to create` : undefined,
    deferred > 0 ? `${deferred} deferred` : undefined,
    error > 0 ? `${error} ${error === 1 ? 'error' : 'errors'}` : undefined,
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
      break;
    default:
      assertNever(key, 'key plan');
  }
  if (key.drift.length > 0) {
    const ids = key.drift.map((d) => `${escapeMarkdown(d.versionId)} (created ${escapeMarkdown(d.creationDate)})`);
    items.push(`drift, not declared: ${ids.join(', ')}; record with \`kmsctl pin --adopt\` or add \`id:\` entries`);
  }
  return items;
}
