/**
 * `kmsctl plan`'s view: progress while reading, then the plan as text (wrapped to the terminal, with
 * the config position of keys in error), Markdown, or one JSON document written in pieces as the pipe
 * takes them.
 */
import type { DesiredState } from '../../config/desired-state.js';
import { locate } from '../../diagnostics/format-json.js';
import type { SourceFiles } from '../../diagnostics/source-files.js';
import type { Plan } from '../../plan/types.js';
import { planJsonText } from '../../render/plan-json.js';
import { renderPlanMarkdown } from '../../render/plan-markdown.js';
import { renderPlanText } from '../../render/plan-text.js';
import { KMSCTL_VERSION } from '../../version.js';
import type { OutputFormat } from '../arguments/output-args.js';
import { startProgress, type Progress } from '../progress.js';
import { CommandView } from './command-view.js';
import type { Terminal } from './terminal.js';

export class PlanView extends CommandView {
  readonly format: OutputFormat;

  constructor(term: Terminal, format: OutputFormat, command = 'plan') {
    super(term, command, format === 'json' ? 'json' : 'human', format !== 'text');
    this.format = format;
  }

  progress(label = 'Reading keys'): Progress {
    return startProgress({ stderr: this.term.err, env: this.term.env }, label);
  }

  async plan(plan: Plan, desired: DesiredState | undefined, sources: SourceFiles): Promise<void> {
    switch (this.format) {
      case 'json':
        for (const piece of planJsonText(plan, { kmsctlVersion: KMSCTL_VERSION })) {
          this.term.out.write(piece);
          await this.term.out.drained?.();
        }
        return;
      case 'markdown':
        this.term.out.write(renderPlanMarkdown(plan, { kmsctlVersion: KMSCTL_VERSION }));
        return;
      case 'text':
        this.term.out.write(renderPlanText(plan, { color: this.term.outColor, width: this.term.width, positions: positionsOf(desired, sources) }));
    }
  }

  saved(path: string): void {
    if (this.format === 'text') this.term.out.write(`\nSaved the plan to ${path}. Apply exactly this plan with: kmsctl apply ${path}\n`);
    else this.term.err.write(`Saved the plan to ${path}.\n`);
  }
}

/** `kmsctl.yaml:12:3` for each key, from where the config declares it. */
export function positionsOf(desired: DesiredState | undefined, sources: SourceFiles): Map<string, string> {
  const positions = new Map<string, string>();
  for (const key of desired?.keys ?? []) {
    if (key.source === undefined) continue;
    const where = locate(key.source, sources);
    positions.set(key.name, where.start ? `${where.file}:${where.start.line}:${where.start.column}` : where.file);
  }
  return positions;
}
