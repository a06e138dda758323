/**
 * The first stage of every config-reading command: load and validate the config, print its
 * diagnostics, stop on errors, and narrow to the --target keys.
 */
import { loadConfig } from '../config/load-config.js';
import { readProfileRegion } from '../kms/aliyun-cli-config.js';
import type { DesiredState } from '../config/desired-state.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnosticsText } from '../diagnostics/format-text.js';
import { CliError } from './cli-error.js';
import type { CommandContext, OptionValues } from './command.js';
import { listValue, stringValue } from './parse-command-line.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { useColor } from './use-color.js';
import { annotateDiagnostics } from './github-actions.js';

export async function loadDesired(values: OptionValues, ctx: CommandContext): Promise<DesiredState> {
  const files = listValue(values, 'file');
  const loaded = await loadConfig({
    files: files.length > 0 ? files : ['kmsctl.yaml'],
    cwd: ctx.cwd,
    env: ctx.env,
    regionOverride: stringValue(values, 'region'),
    profileRegion: await readProfileRegion({ env: ctx.env, profile: stringValue(values, 'profile') }),
  });
  if (loaded.diagnostics.length > 0) {
    ctx.stderr.write(formatDiagnosticsText(loaded.diagnostics, loaded.sources, { color: useColor(values, ctx) && ctx.stderr.isTTY }));
    annotateDiagnostics(values, ctx, loaded.diagnostics, loaded.sources);
  }
  if (hasErrors(loaded.diagnostics) || !loaded.value) {
    const count = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    throw new CliError('config.invalid', `the configuration has ${count} error${count === 1 ? '' : 's'}; nothing was read from or sent to KMS`);
  }
  return selectTargets(loaded.value, listValue(values, 'target'));
}

/** Keeps only the --target keys; an unknown name is an error with the closest known name. */
export function selectTargets(desired: DesiredState, targets: readonly string[]): DesiredState {
  if (targets.length === 0) return desired;
  const names = desired.keys.map((key) => key.name);
  for (const target of targets) {
    if (!names.includes(target)) {
      const hint = didYouMean(target, names);
      throw new CliError('cli.unknown-target', `--target ${target}: no key of that name in the config${hint ? `; did you mean "${hint}"?` : ''}`);
    }
  }
  return { ...desired, keys: desired.keys.filter((key) => targets.includes(key.name)) };
}
