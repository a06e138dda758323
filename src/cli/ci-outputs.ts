/**
 * What `plan` and `apply` leave for pipelines and reviewers besides their own output: the Markdown
 * plan in a file (--markdown-out, for a pull-request comment) and, under GitHub Actions, annotations
 * and the job summary.
 */
import { resolve } from 'node:path';
import type { ApplyReport } from '../apply/apply-report.js';
import type { DesiredState } from '../config/desired-state.js';
import { formatInstant } from '../plan/instant.js';
import type { Plan } from '../plan/types.js';
import { renderApplyMarkdown } from '../render/apply-markdown.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { KMSCTL_VERSION } from '../version.js';
import { CliError } from './cli-error.js';
import type { CommandContext, OptionValues } from './command.js';
import { annotateApplyFailures, annotatePlanErrors, appendStepSummary } from './github-actions.js';
import { stringValue } from './parse-command-line.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** The option `plan` takes for the Markdown file, with its help line. */
export const MARKDOWN_OUT_OPTION = { 'markdown-out': { type: 'string' } } as const;
export const MARKDOWN_OUT_HELP = '  --markdown-out FILE   also write the plan as Markdown to FILE (a pull-request comment)';

/** After `plan`: the Markdown file, annotations for keys in error, the job summary. */
export async function publishPlan(plan: Plan, desired: DesiredState, values: OptionValues, ctx: CommandContext): Promise<void> {
  const markdown = renderPlanMarkdown(plan, { kmsctlVersion: KMSCTL_VERSION });
  const out = stringValue(values, 'markdown-out');
  if (out !== undefined) {
    try {
      await writeFileAtomic(resolve(ctx.cwd, out), markdown);
    } catch (error) {
      throw new CliError('plan.markdown-unwritable', `cannot write the Markdown plan to ${out}: ${(error as Error).message}`);
    }
  }
  await annotatePlanErrors(values, ctx, plan, desired);
  await appendStepSummary(ctx, markdown);
}

/** After `apply`: annotations for failed keys, and the plan and the report in the job summary. */
export async function publishApply(plan: Plan, report: ApplyReport, values: OptionValues, ctx: CommandContext, now: Date): Promise<void> {
  annotateApplyFailures(values, ctx, report);
  const markdown = `${renderPlanMarkdown(plan, { kmsctlVersion: KMSCTL_VERSION })}\n${renderApplyMarkdown(report, { kmsctlVersion: KMSCTL_VERSION, appliedAt: formatInstant(now.getTime()) })}`;
  await appendStepSummary(ctx, markdown);
}
