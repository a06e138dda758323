/**
 * What `plan` and `apply` leave for pipelines and reviewers besides their own output: the Markdown
 * plan in a file (--markdown-out, for a pull-request comment) and, under GitHub Actions, annotations
 * and the job summary.
 */
import { resolve } from 'node:path';
import type { ApplyReport } from '../apply/apply-report.js';
import type { DesiredState } from '../config/desired-state.js';
import { formatInstant } from '../plan/instant.js';
import type { SourceFiles } from '../diagnostics/source-files.js';
import type { PlanRun } from '../operations/make-plan.js';
import { renderApplyMarkdown } from '../render/apply-markdown.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { KMSCTL_VERSION } from '../version.js';
import { CliError } from './cli-error.js';
import { CLI_CODES } from './error-codes.js';
import { annotateApplyFailures, annotatePlan, appendStepSummary } from './github-actions.js';
import type { CommandView } from './views/command-view.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** After `plan`: the Markdown file, annotations for keys in error and keys due soon, the job summary. */
export async function publishPlan({ plan, problems }: PlanRun, desired: DesiredState, markdownOut: string | undefined, cwd: string, view: CommandView, sources: SourceFiles): Promise<void> {
  // Rendered only for a reader (--markdown-out, the job summary): a plan of 10,000 keys is megabytes of it.
  let rendered: string | undefined;
  const markdown = (): string => (rendered ??= renderPlanMarkdown(plan, { kmsctlVersion: KMSCTL_VERSION, problems }));
  if (markdownOut !== undefined) {
    try {
      await writeFileAtomic(resolve(cwd, markdownOut), markdown());
    } catch (error) {
      throw new CliError(CLI_CODES.markdownUnwritable, `cannot write the Markdown plan to ${markdownOut}: ${(error as Error).message}`);
    }
  }
  annotatePlan(view.annotations, view.term.env, plan, desired, sources);
  await appendStepSummary(view.term.env, (text) => view.warning(text), markdown);
}

/** After `apply`: annotations for failed keys, and the plan and the report in the job summary. */
export async function publishApply({ plan, problems }: PlanRun, report: ApplyReport, view: CommandView, now: Date): Promise<void> {
  annotateApplyFailures(view.annotations, view.term.env, report);
  const markdown = (): string => `${renderPlanMarkdown(plan, { kmsctlVersion: KMSCTL_VERSION, problems })}\n${renderApplyMarkdown(report, { kmsctlVersion: KMSCTL_VERSION, appliedAt: formatInstant(now.getTime()) })}`;
  await appendStepSummary(view.term.env, (text) => view.warning(text), markdown);
}
