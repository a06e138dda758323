/**
 * `kmsctl fmt`: rewrite config files in the canonical layout (2-space indentation, canonical key
 * order, comments kept). Files with YAML errors are refused with the position of each error.
 */
import { formatConfigText } from '../../config-edit/format-config.js';
import { readConfigFiles } from '../../config/read-config-files.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatDiagnosticsText } from '../../diagnostics/format-text.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { annotateDiagnostics } from '../github-actions.js';
import { booleanValue, listValue } from '../parse-command-line.js';
import { applyRewrites, plural, type FileRewrite } from '../rewrite-files.js';
import { useColor } from '../use-color.js';

export const fmtCommand: Command = {
  name: 'fmt',
  usage: 'kmsctl fmt [-f FILE]... [--check] [--diff]',
  help: `Lays the config files out canonically: 2-space indentation, lists indented under their key,
keys of a key entry in the order keyId, region, versions, rotation, maxVersions, and id before
label in a version entry. Comments stay, on their lines; values are written as they were
(quoting, flow style). A file with YAML errors is not touched. Nothing is sent to KMS.

Options:
  -f, --file PATH       a config file or a directory of *.yaml files (repeatable; default kmsctl.yaml)
  --check               change nothing; exit 1 when a file is not formatted (a CI gate)
  --diff                print a unified diff of each file that changes
  --no-color            no colours (also NO_COLOR)

Exit codes: 0 done (or, with --check, every file formatted); 1 with --check a file not
formatted, or a file that cannot be read or has YAML errors.`,
  options: {
    file: { type: 'string', short: 'f', multiple: true },
    check: { type: 'boolean' },
    diff: { type: 'boolean' },
  },
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const check = booleanValue(values, 'check');
    const read = await readConfigFiles(listValue(values, 'file'), ctx.cwd);
    const diagnostics: Diagnostic[] = [...read.diagnostics];
    const sources = new Map(read.files.map((f) => [f.path, f.text]));
    const rewrites: FileRewrite[] = [];
    for (const file of read.files) {
      const formatted = formatConfigText(file.path, file.text);
      diagnostics.push(...formatted.diagnostics);
      if (formatted.text !== undefined) rewrites.push({ file: file.path, before: file.text, after: formatted.text, summary: [] });
    }
    if (diagnostics.length > 0) {
      ctx.stderr.write(formatDiagnosticsText(diagnostics, sources, { color: useColor(values, ctx) && ctx.stderr.isTTY }));
      annotateDiagnostics(values, ctx, diagnostics, sources);
    }
    const diff = booleanValue(values, 'diff');
    const changed = await applyRewrites(rewrites, ctx, { check, diff, color: useColor(values, ctx) });
    if (!diff) for (const rewrite of changed) ctx.stdout.write(check ? `${rewrite.file} is not formatted\n` : `Formatted ${rewrite.file}\n`);
    const refused = read.files.length - rewrites.length;
    const total = plural(rewrites.length, 'file');
    if (changed.length === 0 && rewrites.length > 0) ctx.stdout.write(`${rewrites.length === 1 ? 'The file is' : `All ${total} are`} formatted.\n`);
    else if (check) ctx.stdout.write(`${changed.length} of ${total} ${changed.length === 1 ? 'is' : 'are'} not formatted. Run "kmsctl fmt" to format ${changed.length === 1 ? 'it' : 'them'}.\n`);
    else ctx.stdout.write(`Formatted ${changed.length} of ${total}.\n`);
    if (refused > 0) ctx.stderr.write(`Error: ${plural(refused, 'file')} with errors ${refused === 1 ? 'was' : 'were'} left as ${refused === 1 ? 'it was' : 'they were'}.\n`);
    if (refused > 0 || read.diagnostics.length > 0) return EXIT.error;
    return check && changed.length > 0 ? EXIT.error : EXIT.ok;
  },
};
