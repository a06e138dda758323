/**
 * `kmsctl plan`'s view: progress while reading, then the plan as text (wrapped to the terminal, with
 * the config positions of keys in error, grouped by account when it spans several), Markdown, or one
 * JSON document written in pieces as the pipe takes them. Locations that could not be read are shown
 * once each, in every format.
 */
import type { DesiredState } from '../../config/desired-state.js';
import { errorDiagnostic, type SourceRange } from '../../diagnostics/diagnostic.js';
import { locate } from '../../diagnostics/format-json.js';
import { formatDiagnosticsText } from '../../diagnostics/format-text.js';
import type { SourceFiles } from '../../diagnostics/source-files.js';
import type { PlanRun } from '../../operations/make-plan.js';
import { planJsonText } from '../../render/plan-json.js';
import { renderPlanMarkdown } from '../../render/plan-markdown.js';
import { renderPlanText } from '../../render/plan-text.js';
import { KMSCTL_VERSION } from '../../version.js';
import type { OutputFormat } from '../arguments/output-args.js';
import { CLI_CODES } from '../error-codes.js';
import { CommandView } from './command-view.js';
import type { Terminal } from './terminal.js';

export class PlanView extends CommandView {
  readonly format: OutputFormat;

  constructor(term: Terminal, format: OutputFormat, command = 'plan') {
    super(term, command, format === 'json' ? 'json' : 'human', format !== 'text');
    this.format = format;
  }

  async plan({ plan, problems }: PlanRun, desired: DesiredState | undefined, sources: SourceFiles, options: { failOnDrift?: boolean } = {}): Promise<void> {
    switch (this.format) {
      case 'json':
        for (const piece of planJsonText(plan, { kmsctlVersion: KMSCTL_VERSION, problems, failOnDrift: options.failOnDrift })) {
          this.term.out.write(piece);
          await this.term.out.drained?.();
        }
        return;
      case 'markdown':
        this.term.out.write(renderPlanMarkdown(plan, { kmsctlVersion: KMSCTL_VERSION, problems }));
        return;
      case 'text':
        this.term.out.write(renderPlanText(plan, { color: this.term.outColor, width: this.term.width, positions: positionsOf(desired, sources), locate: locator(sources), problems }));
    }
  }

  /** Why a plan with drift fails under --fail-on-drift: the plan itself only notes drift. */
  driftFails(drift: number): void {
    const message = `--fail-on-drift: ${drift} live ${drift === 1 ? 'version is' : 'versions are'} not declared in the config`;
    const detail = 'record them with "kmsctl pin --adopt" after review, or remove them from KMS';
    this.term.err.write(formatDiagnosticsText([errorDiagnostic(CLI_CODES.planDrift, message, undefined, detail)], new Map(), { color: this.term.errColor }));
  }

  saved(path: string): void {
    if (this.format === 'text') this.term.out.write(`\nSaved the plan to ${path}. Apply exactly this plan with: kmsctl apply ${path}\n`);
    else this.term.err.write(`Saved the plan to ${path}.\n`);
  }
}

/** `kmsctl.yaml:12:3` for each key, from where the config declares it. */
export function positionsOf(desired: DesiredState | undefined, sources: SourceFiles): Map<string, string> {
  const positions = new Map<string, string>();
  for (const key of desired?.keys ?? []) if (key.source !== undefined) positions.set(key.name, locator(sources)(key.source));
  return positions;
}

/** `file:line:col` of a config range. */
export function locator(sources: SourceFiles): (range: SourceRange) => string {
  return (range) => {
    const where = locate(range, sources);
    return where.start ? `${where.file}:${where.start.line}:${where.start.column}` : where.file;
  };
}
