/**
 * `kmsctl apply --pin`: after an apply, write the IDs of the versions it created into the config
 * files (a version created for a declared entry pins that entry; one created for rotation on a key
 * that lists its versions is appended). A saved plan names its config files; without one, the -f
 * files are used. Reports in a line per change; returns false when something could not be recorded.
 */
import type { ApplyReport } from '../apply/apply-report.js';
import { readKeyLocations } from '../config-edit/key-locations.js';
import { pinRequestsFromApply } from '../config-edit/pin-requests.js';
import { formatDiagnosticLine } from '../diagnostics/format-line.js';
import { formatInstant } from '../plan/instant.js';
import type { Plan } from '../plan/types.js';
import type { CommandContext, OptionValues } from './command.js';
import { pinRewrites } from './pin-config.js';
import { applyRewrites, plural } from './rewrite-files.js';
import { useColor } from './use-color.js';

export const PIN_OPTION = { pin: { type: 'boolean' } } as const;
export const PIN_HELP = '  --pin                 write the IDs of the created versions into the config files (see "kmsctl pin")';

export interface PinAfterApply {
  plan: Plan;
  report: ApplyReport;
  /** The config files to pin in: the -f files, or a saved plan's `config_files`. */
  configFiles: string[];
  values: OptionValues;
  ctx: CommandContext;
  now: Date;
}

export async function pinAfterApply({ plan, report, configFiles, values, ctx, now }: PinAfterApply): Promise<boolean> {
  if (report.summary.created === 0) return true;
  const out = values.json === true ? ctx.stderr : ctx.stdout;
  const config = await readKeyLocations(configFiles, ctx.cwd);
  const problems = config.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnosticLine(d, config.sources));
  const requests = pinRequestsFromApply(plan, report, config.value, formatInstant(now.getTime()));
  const pinned = await pinRewrites(requests, ctx.cwd, { pin: 'pinned', adopt: 'recorded' });
  problems.push(...pinned.problems);
  const changed = await applyRewrites(pinned.rewrites, ctx, { check: false, diff: false, color: useColor(values, ctx), out });
  if (changed.length > 0) out.write(`Pinned ${plural(pinned.pinned + pinned.adopted, 'created version')} in ${plural(changed.length, 'file')}.\n`);
  for (const problem of problems) ctx.stderr.write(`Error: --pin: ${problem}\n`);
  if (problems.length > 0) ctx.stderr.write('Error: --pin could not record every created version in the config; run "kmsctl pin" once the config is fixed.\n');
  return problems.length === 0;
}
