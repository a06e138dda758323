/** `kmsctl plan`: read the config and the live keys, and show what apply would do. */
import { resolve } from 'node:path';
import { STDIN_PATH } from '../../config/read-config-files.js';
import { STDIN_NAME } from '../../config/read-config-stream.js';
import { endpointsOf } from '../../operations/kms-calls.js';
import { makePlan } from '../../operations/make-plan.js';
import { createSavedPlanFile, serializeSavedPlan } from '../../plan-file/saved-plan.js';
import type { Plan } from '../../plan/types.js';
import { KMSCTL_VERSION } from '../../version.js';
import { CONFIG_HELP } from '../arguments/config-args.js';
import { CONNECTION_HELP } from '../arguments/connection-args.js';
import { parsePlanArgs, PLAN_OPTIONS } from '../arguments/plan-args.js';
import { publishPlan } from '../ci-outputs.js';
import { CliError, EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { argumentsOrFailure, runOnKeys } from '../run-context.js';
import { PlanView } from '../views/plan-view.js';
import { terminalOf } from '../views/terminal.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import type { KmsSession } from '../../operations/session.js';

export const planCommand: Command = {
  name: 'plan',
  usage: 'kmsctl plan [-f FILE]... [--target NAME]... [--account NAME]... [--out FILE] [--json | --format text|json|markdown] [--markdown-out FILE] [--detailed-exitcode] [--fail-on-drift]',
  help: `Reads the declared keys from KMS (DescribeKey, ListKeyVersions), each in its account and region,
and plans one outcome per key: create (one version now), deferred (the 7 days between versions have
not passed), error, or no change; a key whose rotation falls due within rotation.warnBefore is marked
due soon. Output names each key's account and region, grouped by account when there are several,
with counts per account. A location (account and region) that cannot be read, e.g. a role that
cannot be assumed, fails only its own keys and is shown once. Nothing is changed.

${CONFIG_HELP}

Output:
  --out FILE            also save the plan for "kmsctl apply FILE" (holds no secret)
  --json                the plan as one JSON document (schemas/plan.schema.json); a failure is
                        one JSON document too (schemas/error.schema.json)
  --format FORMAT       text (default), json, or markdown for a pull-request comment
  --markdown-out FILE   also write the plan as Markdown to FILE (a pull-request comment)
  --detailed-exitcode   exit 2 when there is something to create and no error (due soon and drift
                        change nothing)
  --fail-on-drift       exit 1 when a live version is not declared in the config (drift), for
                        teams that forbid versions made outside review; the JSON says
                        "fail_on_drift": true

${CONNECTION_HELP}

Exit codes: 0 no error; 1 an error (flags, config, connection, a key in error, a location that
could not be read, drift with --fail-on-drift); 2 with --detailed-exitcode when the plan creates a
version and has no error; 130 interrupted.

Examples:
  kmsctl plan
  kmsctl plan -f keys/ --out plan.json --format markdown > plan.md
  kmsctl plan --target payments-signing --detailed-exitcode
  kmsctl plan --account payments-prod --account payments-staging --out payments.plan
  cat kmsctl.yaml | kmsctl plan -f -`,
  options: PLAN_OPTIONS,
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const parsed = parsePlanArgs(values);
    const view = new PlanView(terminalOf(ctx), parsed.value?.format ?? (values.json === true ? 'json' : 'text'));
    const args = argumentsOrFailure(parsed, view);
    if (args === undefined) return EXIT.error;
    return runOnKeys(args, ctx, view, async ({ config, desired, session, reading }) => {
      const run = await reading('Reading keys', (options) => makePlan(desired, session, options, config.loaded.sources));
      if (args.out !== undefined) await savePlan(args.out, run.plan, session, desired.files, ctx.cwd);
      await view.plan(run, desired, config.loaded.sources, { failOnDrift: args.failOnDrift });
      await publishPlan(run, desired, args.markdownOut, ctx.cwd, view, config.loaded.sources);
      if (args.out !== undefined) view.saved(args.out);
      const code = planExitCode(run.plan, args.detailedExitcode, args.failOnDrift);
      if (args.failOnDrift && run.plan.summary.drift > 0) view.driftFails(run.plan.summary.drift);
      return code;
    });
  },
};

async function savePlan(out: string, plan: Plan, session: KmsSession, configFiles: readonly string[], cwd: string): Promise<void> {
  const saved = createSavedPlanFile(plan, { kmsctlVersion: KMSCTL_VERSION, endpoints: endpointsOf(plan, session), accounts: session.accounts, configFiles: configFiles.map((file) => savedConfigPath(file, cwd)) });
  try {
    await writeFileAtomic(resolve(cwd, out), serializeSavedPlan(saved));
  } catch (error) {
    throw new CliError(CLI_CODES.planFileUnwritable, `cannot write the plan to ${out}: ${(error as Error).message}`);
  }
}

/** A config file as a saved plan records it: its absolute path, or `-` for standard input (which no later run can write). */
function savedConfigPath(file: string, cwd: string): string {
  return file === STDIN_NAME ? STDIN_PATH : resolve(cwd, file);
}

export function planExitCode(plan: Plan, detailed: boolean, failOnDrift = false): number {
  if (plan.summary.error > 0) return EXIT.error;
  if (failOnDrift && plan.summary.drift > 0) return EXIT.error;
  if (detailed && plan.summary.create > 0) return EXIT.changes;
  return EXIT.ok;
}
