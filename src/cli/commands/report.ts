/** `kmsctl report`: one self-contained HTML page of the fleet's rotation, and its figures as JSON. */
import { resolve } from 'node:path';
import { buildReport } from '../../report/build-report.js';
import { readFleet } from '../../report/read-fleet.js';
import { reportToJson } from '../../report/report-json.js';
import { renderReportHtml } from '../../report/report-html.js';
import { REPORT_CODES } from '../../report/report-codes.js';
import { KMSCTL_VERSION } from '../../version.js';
import { CONFIG_HELP } from '../arguments/config-args.js';
import { CONNECTION_HELP } from '../arguments/connection-args.js';
import { DEFAULT_REPORT_FILE, parseReportArgs, REPORT_OPTIONS } from '../arguments/report-args.js';
import { CliError, EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { argumentsOrFailure, runOnKeys } from '../run-context.js';
import { ReportView } from '../views/report-view.js';
import { terminalOf } from '../views/terminal.js';
import { writeFileAtomic } from '../write-file-atomic.js';

export const reportCommand: Command = {
  name: 'report',
  usage: 'kmsctl report [-f FILE]... [--target NAME]... [--account NAME]... [--out FILE.html] [--json-out FILE.json] [--json]',
  help: `Writes one HTML page an auditor can read offline (inline styles and pictures, no script, nothing
to fetch): per account and region, each key's versions on a timeline, the age of its newest version
against rotation.maxAge, and what is overdue, due soon, pending, deferred or in error, under the sentence
"N of M keys within policy on DATE". The same figures go to a JSON file (schemas/report.schema.json).
The figures are those of "kmsctl plan" for the same read. Nothing is changed.

${CONFIG_HELP}

Output:
  --out FILE            the HTML page (default ${DEFAULT_REPORT_FILE})
  --json-out FILE       the JSON figures (default: the page's name ending in .json)
  --json                also print the JSON figures on stdout; a failure is one JSON document
                        (schemas/error.schema.json)

${CONNECTION_HELP}

Exit codes: 0 the report was written, whatever it shows (use "kmsctl plan" to gate a pipeline);
1 a flag, config or connection error, or a file that could not be written; 130 interrupted.

Examples:
  kmsctl report
  kmsctl report --out reports/rotation.html --account payments-prod`,
  options: REPORT_OPTIONS,
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const parsed = parseReportArgs(values);
    const view = new ReportView(terminalOf(ctx), values.json === true);
    const args = argumentsOrFailure(parsed, view);
    if (args === undefined) return EXIT.error;
    return runOnKeys(args, ctx, view, async ({ config, desired, session, reading }) => {
      const fleet = await reading('Reading keys', (options) => readFleet(desired, session, options, config.loaded.sources));
      const report = buildReport(desired, fleet.live, fleet.plan);
      await write(resolve(ctx.cwd, args.out), renderReportHtml(report, { kmsctlVersion: KMSCTL_VERSION, configFiles: desired.files }), args.out);
      await write(resolve(ctx.cwd, args.jsonOut), `${JSON.stringify(reportToJson(report, KMSCTL_VERSION), null, 2)}\n`, args.jsonOut);
      view.written(report, { html: args.out, json: args.jsonOut });
      return EXIT.ok;
    });
  },
};

async function write(path: string, text: string, shown: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    throw new CliError(REPORT_CODES.unwritable, `cannot write ${shown}: ${(error as Error).message}`);
  }
}
