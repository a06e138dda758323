/** `kmsctl validate`: check the config files without talking to KMS. */
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { diagnosticsToJson } from '../../diagnostics/format-json.js';
import { readConfig } from '../../operations/read-config.js';
import { JSON_FORMAT_VERSION } from '../../render/json-format.js';
import { KMSCTL_VERSION } from '../../version.js';
import { FILE_HELP, REGION_HELP } from '../arguments/config-args.js';
import { parseValidateArgs, VALIDATE_OPTIONS } from '../arguments/validate-args.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { annotateDiagnostics } from '../github-actions.js';
import { argumentsOrFailure } from '../run-context.js';
import { CommandView } from '../views/command-view.js';
import { terminalOf } from '../views/terminal.js';

export const validateCommand: Command = {
  name: 'validate',
  usage: 'kmsctl validate [-f FILE]... [--region REGION] [--profile NAME] [--json]',
  help: `Reports every problem with file:line:col and the offending line: YAML syntax, unknown fields,
wrong types, bad durations, maxAge under 7 days, maxVersions over 50, more than 50 versions,
the same key declared twice, duplicated pinned IDs. Nothing is sent to KMS.

Options:
${FILE_HELP}
${REGION_HELP}
  --profile NAME        the CLI profile whose region_id is the last region fallback
  --json                diagnostics as one JSON document (schemas/validate.schema.json)

Exit codes: 0 valid (warnings allowed); 1 any error.`,
  options: VALIDATE_OPTIONS,
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const parsed = parseValidateArgs(values);
    const json = values.json === true;
    const view = new CommandView(terminalOf(ctx), 'validate', json ? 'json' : 'human');
    const args = argumentsOrFailure(parsed, view);
    if (args === undefined) return EXIT.error;
    const config = await readConfig({ files: args.config.files, targets: [], region: args.config.region, profile: args.profile, cwd: ctx.cwd, env: ctx.env, stdin: ctx.stdin });
    const valid = !hasErrors(config.diagnostics) && config.loaded.value !== undefined;
    const keys = config.loaded.value?.keys.length ?? 0;
    if (json) {
      const document = { format_version: JSON_FORMAT_VERSION, kmsctl_version: KMSCTL_VERSION, valid, keys: valid ? keys : 0, diagnostics: diagnosticsToJson(config.diagnostics, config.loaded.sources) };
      annotateDiagnostics(view.annotations, ctx.env, config.diagnostics, config.loaded.sources);
      view.term.out.write(`${JSON.stringify(document, null, 2)}\n`);
      return valid ? EXIT.ok : EXIT.error;
    }
    view.diagnostics(config.diagnostics, config.loaded.sources);
    if (!valid) return EXIT.error;
    const files = config.loaded.value?.files.length ?? 0;
    view.term.out.write(`The configuration is valid: ${keys} key${keys === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.\n`);
    return EXIT.ok;
  },
};
