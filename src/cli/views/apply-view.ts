/**
 * `kmsctl apply`'s view: the plan it is about to apply (text), the approval prompt, a line per key as
 * results come in, the report (text, or the JSON document of schemas/apply.schema.json), and what
 * --pin wrote.
 */
import type { ApplyReport, KeyApplyResult } from '../../apply/apply-report.js';
import type { DesiredState } from '../../config/desired-state.js';
import type { SourceFiles } from '../../diagnostics/source-files.js';
import type { LocationProblem } from '../../operations/location-problems.js';
import type { PlanRun } from '../../operations/make-plan.js';
import { formatInstant } from '../../plan/instant.js';
import type { Plan } from '../../plan/types.js';
import { applyToJson, renderApplyResultLine, renderApplyText } from '../../render/apply-text.js';
import { locationProblemLine } from '../../render/location-problem-text.js';
import { renderPlanText } from '../../render/plan-text.js';
import { wrapText } from '../../render/wrap.js';
import { KMSCTL_VERSION } from '../../version.js';
import type { CommandContext } from '../command.js';
import { startProgress, type Progress } from '../progress.js';
import { CommandView } from './command-view.js';
import { locator, positionsOf } from './plan-view.js';
import type { Terminal } from './terminal.js';

export type Approval = 'approved' | 'declined' | 'interrupted' | 'no-terminal';

export class ApplyView extends CommandView {
  constructor(term: Terminal, json: boolean) {
    super(term, 'apply', json ? 'json' : 'human');
  }

  /** The plan about to be applied, in text mode. */
  plan({ plan, problems }: PlanRun, desired: DesiredState, sources: SourceFiles): void {
    if (this.mode !== 'human') return;
    this.term.out.write(renderPlanText(plan, { color: this.term.outColor, width: this.term.width, positions: positionsOf(desired, sources), locate: locator(sources), problems }));
    if (plan.summary.create === 0) this.term.out.write('\nNothing to create now.\n');
  }

  /** Locations of a saved plan whose keys could not be read again (text: once each, now; JSON: in the document). */
  problems(problems: readonly LocationProblem[]): void {
    if (this.mode !== 'human' || problems.length === 0) return;
    const style = this.term.outStyle;
    const lines = problems.flatMap((problem) => wrapText(locationProblemLine(problem), this.term.width, `  ${style.red('!')} `, '      '));
    this.term.out.write(`${style.bold('Could not read these locations (their keys fail; the others are applied):')}\n${lines.join('\n')}\n\n`);
  }

  /** Asks for "yes" on the terminal; only "yes" approves. Ctrl-C, Ctrl-D and SIGINT interrupt. */
  async approve(plan: Plan, ctx: CommandContext): Promise<Approval> {
    if (!ctx.prompt) return 'no-terminal';
    const count = plan.summary.create;
    const errors = plan.summary.error > 0 ? ` ${plan.summary.error} key${plan.summary.error === 1 ? '' : 's'} in error will be left as they are.` : '';
    const result = await ctx.prompt(`\nkmsctl will create ${count} key version${count === 1 ? '' : 's'}.${errors} Only "yes" approves.\n  Enter a value: `, ctx.signal);
    if (result.status === 'answered') return result.answer.trim() === 'yes' ? 'approved' : 'declined';
    return 'interrupted';
  }

  cancelled(): void {
    this.term.err.write('\nApply cancelled.\n');
  }

  progress(label = 'Creating versions'): Progress {
    return startProgress({ stderr: this.term.err, env: this.term.env }, label);
  }

  result(result: KeyApplyResult, progress: Progress, problems: readonly LocationProblem[]): void {
    if (this.mode === 'human') progress.print(() => this.term.out.write(renderApplyResultLine(result, this.term.outColor, this.term.width, problems)));
  }

  report(report: ApplyReport, now: Date, problems: readonly LocationProblem[]): void {
    if (this.mode === 'json') this.term.out.write(`${JSON.stringify(applyToJson(report, { kmsctlVersion: KMSCTL_VERSION, appliedAt: formatInstant(now.getTime()), problems }), null, 2)}\n`);
    else this.term.out.write(renderApplyText(report, this.term.outColor, this.term.width, problems));
  }

  /** --pin's lines go to stdout in text, to stderr beside a JSON document. */
  get pinOutput() {
    return this.mode === 'json' ? this.term.err : this.term.out;
  }
}
