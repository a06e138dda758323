/**
 * `kmsctl apply --pin`: after an apply, write the IDs of the versions it created into the config
 * files (a version created for a declared entry pins that entry; one created for rotation on a key
 * that lists its versions is appended). A saved plan names its config files by absolute path; without
 * one, the -f files are used. Before anything is created, `pinPreflight` makes sure every key the plan
 * creates is declared in a file that can be written, so a version is never created that cannot be pinned.
 */
import { resolve } from 'node:path';
import type { ApplyReport } from '../apply/apply-report.js';
import { readKeyLocations } from '../config-edit/key-locations.js';
import { pinRequestsFromApply } from '../config-edit/pin-requests.js';
import { formatDiagnosticLine } from '../diagnostics/format-line.js';
import { formatInstant } from '../plan/instant.js';
import type { Plan } from '../plan/types.js';
import type { Output } from './command.js';
import { pinRewrites } from './pin-config.js';
import { applyRewrites, plural, rewriteProblem } from './rewrite-files.js';

/** Why --pin could not record what this plan creates; empty when it can. */
export async function pinPreflight(plan: Plan, configFiles: readonly string[], cwd: string): Promise<string[]> {
  const creates = plan.keys.filter((key) => key.action === 'create');
  if (creates.length === 0) return [];
  const config = await readKeyLocations(configFiles, cwd);
  const problems = config.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnosticLine(d, config.sources));
  const files = new Set<string>();
  for (const key of creates) {
    const location = config.value.keys.get(key.name);
    if (location === undefined) problems.push(`${key.name}: no config file of ${configFiles.join(', ') || 'kmsctl.yaml'} declares this key`);
    else files.add(location.file);
  }
  for (const file of files) {
    const problem = await rewriteProblem(resolve(cwd, file), file);
    if (problem) problems.push(problem.message);
  }
  return problems;
}

export interface PinAfterApply {
  plan: Plan;
  report: ApplyReport;
  configFiles: readonly string[];
  cwd: string;
  now: Date;
  /** Where the changes are reported. */
  out: Output;
  color: boolean;
}

export interface PinOutcome {
  /** Versions written into the config. */
  pinned: number;
  files: number;
  /** What could not be recorded, one line each. */
  problems: string[];
}

export async function pinAfterApply({ plan, report, configFiles, cwd, now, out, color }: PinAfterApply): Promise<PinOutcome> {
  if (report.summary.created === 0) return { pinned: 0, files: 0, problems: [] };
  const config = await readKeyLocations(configFiles, cwd);
  const problems = config.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnosticLine(d, config.sources));
  const requests = pinRequestsFromApply(plan, report, config.value, formatInstant(now.getTime()));
  const pinned = await pinRewrites(requests, cwd, { pin: 'pinned', adopt: 'recorded' });
  problems.push(...pinned.problems);
  const changed = await applyRewrites(pinned.rewrites, { cwd, check: false, diff: false, color, out });
  return { pinned: pinned.pinned + pinned.adopted, files: changed.length, problems };
}

export function pinnedLine(outcome: PinOutcome): string {
  return `Pinned ${plural(outcome.pinned, 'created version')} in ${plural(outcome.files, 'file')}.`;
}
