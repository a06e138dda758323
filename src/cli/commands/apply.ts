/**
 * `kmsctl apply`: create the versions a plan calls for. Without a plan file it plans first and asks
 * for "yes" on a terminal (or needs --auto-approve); with one it applies exactly that plan after
 * checking that no key changed since.
 */
import { resolve } from 'node:path';
import { applyPlan } from '../../apply/apply-plan.js';
import type { ApplyReport } from '../../apply/apply-report.js';
import { endpointMismatches, findStaleKeys } from '../../apply/check-saved-plan.js';
import { readSavedPlan } from '../../plan/read-saved-plan.js';
import type { SavedPlan } from '../../plan/saved-plan.js';
import type { Plan } from '../../plan/types.js';
import { applyToJson, renderApplyResultLine, renderApplyText } from '../../render/apply-text.js';
import { KMSCTL_VERSION } from '../../version.js';
import { CliError, EXIT } from '../cli-error.js';
import type { Command, CommandContext, OptionValues } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTIONS, CONNECTION_HELP, CONNECTION_OPTIONS, DEFAULT_PARALLELISM, MAX_PARALLELISM } from '../common-options.js';
import { openKeyApis, type KeyApiSession } from '../kms-session.js';
import { loadDesired } from '../load-desired.js';
import { booleanValue, listValue, positiveIntegerValue } from '../parse-command-line.js';
import { useColor } from '../use-color.js';
import { makePlan, renderPlan } from './plan.js';
import { publishApply } from '../ci-outputs.js';
import { PIN_HELP, PIN_OPTION, pinAfterApply } from '../pin-after-apply.js';
import { startProgress } from '../progress.js';

export const applyCommand: Command = {
  name: 'apply',
  usage: 'kmsctl apply [PLANFILE] [-f FILE]... [--target NAME]... [--auto-approve] [--json] [--pin]',
  help: `Without PLANFILE, plans as "kmsctl plan" does, shows the plan and asks for "yes" (on a terminal)
before creating anything; without a terminal it refuses unless --auto-approve is given.
With PLANFILE (from "kmsctl plan --out"), applies exactly that plan, after reading every key it
changes again: if any key changed since the plan, the whole plan is refused as stale.

Keys in error (missing, disabled, symmetric...) are reported as failed and the others applied;
narrow with --target to leave them out. Before each CreateKeyVersion the key is read again; a key another pipeline rotated meanwhile is
skipped. A CreateKeyVersion that fails ambiguously (time-out, reset, 5xx) is not blindly retried:
the versions are listed again and a version that appeared is adopted.

${CONFIG_HELP}

Apply:
  --auto-approve        do not ask for confirmation (for CI)
  --json                the result as one JSON document
${PIN_HELP}
  --no-color            no colours (also NO_COLOR)

${CONNECTION_HELP}

Exit codes: 0 every key as planned; 1 any key failed, a stale or invalid plan, a config error,
or a refusal to run without --auto-approve; 130 interrupted.`,
  options: {
    ...CONFIG_OPTIONS,
    ...CONNECTION_OPTIONS,
    'auto-approve': { type: 'boolean' },
    json: { type: 'boolean' },
    ...PIN_OPTION,
  },
  allowPositionals: true,
  async run(values, positionals, ctx) {
    if (positionals.length > 1) throw new CliError('cli.unexpected-argument', `kmsctl apply takes at most one plan file, got ${positionals.length} arguments`);
    const planFile = positionals[0];
    if (planFile !== undefined && (listValue(values, 'file').length > 0 || listValue(values, 'target').length > 0)) {
      throw new CliError('cli.conflicting-flags', 'a saved plan is applied as it is: -f and --target go with "kmsctl plan --out", not with a plan file');
    }
    const session = openKeyApis(values, ctx);
    try {
      const parallelism = positiveIntegerValue(values, 'parallelism', DEFAULT_PARALLELISM, MAX_PARALLELISM);
      const saved = planFile === undefined ? undefined : await loadSavedPlan(planFile, session, parallelism, ctx);
      const plan = saved?.plan ?? (await planNow(values, ctx, session, parallelism));
      const configFiles = saved?.config_files ?? listValue(values, 'file');
      const json = booleanValue(values, 'json');
      const color = useColor(values, ctx);
      const progress = startProgress(ctx, 'Creating versions');
      let done = 0;
      const report = await applyPlan(plan, session, {
        parallelism,
        signal: ctx.signal,
        onResult: (result) => {
          if (!json) progress.print(() => ctx.stdout.write(renderApplyResultLine(result, color)));
          progress.update(++done, plan.summary.create);
        },
      }).finally(() => progress.end());
      ctx.stdout.write(json ? `${JSON.stringify(applyToJson(report, { kmsctlVersion: KMSCTL_VERSION }), null, 2)}\n` : renderApplyText(report, color));
      await publishApply(plan, report, values, ctx, session.now());
      const pinned = booleanValue(values, 'pin') ? await pinAfterApply({ plan, report, configFiles, values, ctx, now: session.now() }) : true;
      const code = applyExitCode(report);
      return code === EXIT.ok && !pinned ? EXIT.error : code;
    } finally {
      await session.close();
    }
  },
};

/** Plans, shows the plan and, when it creates anything, asks for approval. */
async function planNow(values: OptionValues, ctx: CommandContext, session: KeyApiSession, parallelism: number): Promise<Plan> {
  const desired = await loadDesired(values, ctx);
  const plan = await makePlan(desired, session, parallelism, ctx);
  const json = booleanValue(values, 'json');
  if (!json) ctx.stdout.write(`${renderPlan(plan, 'text', useColor(values, ctx))}\n`);
  if (plan.summary.create === 0) {
    if (!json) ctx.stdout.write('\nNothing to create now.\n');
    return plan;
  }
  await confirm(values, ctx, plan);
  return plan;
}

async function confirm(values: OptionValues, ctx: CommandContext, plan: Plan): Promise<void> {
  if (booleanValue(values, 'auto-approve')) return;
  if (!ctx.prompt) {
    throw new CliError('apply.needs-approval', 'no terminal to ask for approval: run "kmsctl apply --auto-approve" in pipelines, or apply a saved plan reviewed earlier');
  }
  const count = plan.summary.create;
  const errors = plan.summary.error > 0 ? ` ${plan.summary.error} key${plan.summary.error === 1 ? '' : 's'} in error will be left as they are.` : '';
  const answer = await ctx.prompt(`\nkmsctl will create ${count} key version${count === 1 ? '' : 's'}.${errors} Only "yes" approves.\n  Enter a value: `);
  if (answer.trim() !== 'yes') throw new CliError('apply.cancelled', 'apply cancelled; nothing was created');
}

async function loadSavedPlan(path: string, session: KeyApiSession, parallelism: number, ctx: CommandContext): Promise<SavedPlan> {
  const read = await readSavedPlan(resolve(ctx.cwd, path), path);
  const saved = read.value;
  if (!saved) throw new CliError(read.diagnostics[0]?.code ?? 'plan-file.invalid', read.diagnostics.map((d) => d.summary).join('\n'));
  const mismatches = endpointMismatches(saved.endpoints, session);
  if (mismatches.length > 0) {
    throw new CliError('plan-file.endpoint-mismatch', `the plan in ${path} was made against other endpoints; nothing was created:\n  ${mismatches.join('\n  ')}`);
  }
  const stale = await findStaleKeys(saved.plan, session, parallelism, ctx.signal);
  if (stale.length > 0) {
    const lines = stale.map((key) => `  ${key.name}: ${key.reasons.join('; ')}`).join('\n');
    throw new CliError('plan-file.stale', `the saved plan ${path} is stale; nothing was created. Changed since the plan:\n${lines}\nRun "kmsctl plan --out ${path}" again and review it.`);
  }
  return saved;
}

function applyExitCode(report: ApplyReport): number {
  if (report.interrupted) return EXIT.interrupted;
  return report.summary.failed > 0 ? EXIT.error : EXIT.ok;
}
