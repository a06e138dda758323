/**
 * `kmsctl fmt`: rewrite config files in the canonical layout (2-space indentation, canonical key
 * order, comments kept). Files with YAML errors are refused with the position of each error; the help
 * states the key order from the formatter's own table, so the two cannot disagree.
 */
import { configKeyOrder, formatConfigText } from '../../config-edit/format-config.js';
import { readConfigFiles } from '../../config/read-config-files.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { FILE_HELP } from '../arguments/config-args.js';
import { FMT_OPTIONS, parseFmtArgs } from '../arguments/fmt-args.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { applyRewrites, plural, type FileRewrite } from '../rewrite-files.js';
import { argumentsOrFailure } from '../run-context.js';
import { CommandView } from '../views/command-view.js';
import { terminalOf } from '../views/terminal.js';

const keyOrder = (configKeyOrder(['keys', 'k']) ?? []).join(', ');
const versionOrder = (configKeyOrder(['keys', 'k', 'versions', '0']) ?? []).join(' before ');

export const fmtCommand: Command = {
  name: 'fmt',
  usage: 'kmsctl fmt [-f FILE]... [--check] [--diff]',
  help: `Lays the config files out canonically: 2-space indentation, lists indented under their key,
keys of a key entry in the order ${keyOrder}, and ${versionOrder} in a version entry
(the order "kmsctl pin" writes). Comments stay, on their lines; values are written as they were
(quoting, flow style). A file with YAML errors is not touched, nor is a read-only one. Nothing is
sent to KMS.

Options:
${FILE_HELP}
  --check               change nothing; exit 1 when a file is not formatted (a CI gate)
  --diff                print a unified diff of each file that changes

Exit codes: 0 done (or, with --check, every file formatted); 1 with --check a file not
formatted, or a file that cannot be read, is read-only or has YAML errors.`,
  options: FMT_OPTIONS,
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const view = new CommandView(terminalOf(ctx), 'fmt', 'human');
    const args = argumentsOrFailure(parseFmtArgs(values), view);
    if (args === undefined) return EXIT.error;
    const read = await readConfigFiles(args.files, ctx.cwd);
    const diagnostics: Diagnostic[] = [...read.diagnostics];
    const sources = new Map(read.files.map((f) => [f.path, f.text]));
    const rewrites: FileRewrite[] = [];
    for (const file of read.files) {
      const formatted = formatConfigText(file.path, file.text);
      diagnostics.push(...formatted.diagnostics);
      if (formatted.text !== undefined) rewrites.push({ file: file.path, before: file.text, after: formatted.text, summary: [] });
    }
    view.diagnostics(diagnostics, sources);
    const changed = await applyRewrites(rewrites, { cwd: ctx.cwd, check: args.check, diff: args.diff, color: view.term.outColor, out: view.term.out });
    const out = view.term.out;
    if (!args.diff) for (const rewrite of changed) out.write(args.check ? `${rewrite.file} is not formatted\n` : `Formatted ${rewrite.file}\n`);
    const refused = read.files.length - rewrites.length;
    const total = plural(rewrites.length, 'file');
    if (rewrites.length > 0) {
      if (changed.length === 0) out.write(`${rewrites.length === 1 ? 'The file is' : `All ${total} are`} formatted.\n`);
      else if (args.check) out.write(`${changed.length} of ${total} ${changed.length === 1 ? 'is' : 'are'} not formatted. Run "kmsctl fmt" to format ${changed.length === 1 ? 'it' : 'them'}.\n`);
      else out.write(`Formatted ${changed.length} of ${total}.\n`);
    }
    if (refused > 0) view.term.err.write(`${plural(refused, 'file')} with errors ${refused === 1 ? 'was' : 'were'} left as ${refused === 1 ? 'it was' : 'they were'}.\n`);
    if (refused > 0 || read.diagnostics.length > 0) return EXIT.error;
    return args.check && changed.length > 0 ? EXIT.error : EXIT.ok;
  },
};
