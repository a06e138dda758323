/** `kmsctl validate`: check the config files without talking to KMS. */
import { loadConfig } from '../../config/load-config.js';
import { readProfileRegion } from '../../kms/aliyun-cli-config.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { diagnosticsToJson } from '../../diagnostics/format-json.js';
import { formatDiagnosticsText } from '../../diagnostics/format-text.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { booleanValue, listValue, stringValue } from '../parse-command-line.js';
import { useColor } from '../use-color.js';
import { annotateDiagnostics } from '../github-actions.js';

export const VALIDATE_JSON_FORMAT_VERSION = '1.0';

export const validateCommand: Command = {
  name: 'validate',
  usage: 'kmsctl validate [-f FILE]... [--json]',
  help: `Reports every problem with file:line:col and the offending line: YAML syntax, unknown fields,
wrong types, bad durations, maxAge under 7 days, maxVersions over 50, more than 50 versions,
the same key declared twice, duplicated pinned IDs.

Options:
  -f, --file PATH       a config file or a directory of *.yaml files (repeatable; default kmsctl.yaml)
  --region REGION       region for keys that do not name one
  --json                diagnostics as JSON (severity, code, message, file, start and end)
  --no-color            no colours (also NO_COLOR)

Exit codes: 0 valid (warnings allowed); 1 any error.`,
  options: {
    file: { type: 'string', short: 'f', multiple: true },
    region: { type: 'string' },
    json: { type: 'boolean' },
  },
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const files = listValue(values, 'file');
    const profileRegion = await readProfileRegion({ env: ctx.env }); // the last region fallback: the CLI profile's region_id
    const loaded = await loadConfig({ files: files.length > 0 ? files : ['kmsctl.yaml'], cwd: ctx.cwd, env: ctx.env, regionOverride: stringValue(values, 'region'), profileRegion });
    const valid = !hasErrors(loaded.diagnostics) && loaded.value !== undefined;
    if (booleanValue(values, 'json')) {
      annotateDiagnostics(values, ctx, loaded.diagnostics, loaded.sources);
      const document = { format_version: VALIDATE_JSON_FORMAT_VERSION, valid, keys: loaded.value?.keys.length ?? 0, diagnostics: diagnosticsToJson(loaded.diagnostics, loaded.sources) };
      ctx.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
      return valid ? EXIT.ok : EXIT.error;
    }
    if (loaded.diagnostics.length > 0) ctx.stderr.write(formatDiagnosticsText(loaded.diagnostics, loaded.sources, { color: useColor(values, ctx) && ctx.stderr.isTTY }));
    annotateDiagnostics(values, ctx, loaded.diagnostics, loaded.sources);
    if (!valid) return EXIT.error;
    const keys = loaded.value?.keys.length ?? 0;
    const fileCount = loaded.value?.files.length ?? 0;
    ctx.stdout.write(`The configuration is valid: ${keys} key${keys === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'}.\n`);
    return EXIT.ok;
  },
};
