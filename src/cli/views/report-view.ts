/** `kmsctl report`'s view: the summary in text, or with --json the report's figures as one document on stdout. */
import type { FleetReport } from '../../report/fleet-report.js';
import { reportToJson } from '../../report/report-json.js';
import { renderReportText } from '../../report/report-text.js';
import { KMSCTL_VERSION } from '../../version.js';
import { CommandView } from './command-view.js';
import type { Terminal } from './terminal.js';

export class ReportView extends CommandView {
  constructor(term: Terminal, json: boolean) {
    super(term, 'report', json ? 'json' : 'human');
  }

  written(report: FleetReport, files: { html: string; json: string }): void {
    if (this.mode === 'json') this.term.out.write(`${JSON.stringify(reportToJson(report, KMSCTL_VERSION), null, 2)}\n`);
    else this.term.out.write(renderReportText(report, files, this.term.outStyle));
  }
}
