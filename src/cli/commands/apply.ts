/**
 * `kmsctl apply`: create the versions a plan calls for. Without a plan file it plans first and asks
 * for "yes" on a terminal (or needs --auto-approve); with one it applies exactly that plan after
 * checking that no key changed since.
 */
import { resolve } from 'node:path';
import type { ApplyReport } from '../../apply/apply-report.js';
import { errorDiagnostic } from '../../diagnostics/diagnostic.js';
import { STDIN_PATH } from '../../config/read-config-files.js';
import { applyWith, changedEndpoints, savedPlanFreshness } from '../../operations/kms-calls.js';
import { makePlan, type PlanRun } from '../../operations/make-plan.js';
import type { KmsSession } from '../../operations/session.js';
import { readSavedPlan } from '../../plan-file/read-saved-plan.js';
import { APPLY_OPTIONS, parseApplyArgs, type ApplyArgs } from '../arguments/apply-args.js';
import { CONFIG_HELP } from '../arguments/config-args.js';
import { CONNECTION_HELP } from '../arguments/connection-args.js';
import { publishApply } from '../ci-outputs.js';
import { EXIT } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { pinAfterApply, pinnedLine, pinPreflight } from '../pin-after-apply.js';
import { argumentsOrFailure, readRunConfig, sessionFor, sessionForKeys } from '../run-context.js';
import { ApplyView } from '../views/apply-view.js';
import { failure, type Failure } from '../views/failure.js';
import { terminalOf } from '../views/terminal.js';

export const applyCommand: Command = {
  name: 'apply',
  usage: 'kmsctl apply [PLANFILE] [-f FILE]... [--target NAME]... [--account NAME]... [--auto-approve] [--json] [--pin]',
  help: `Without PLANFILE, plans as "kmsctl plan" does, shows the plan and asks for "yes" (on a terminal)
before creating anything; without a terminal it refuses unless --auto-approve is given. Ctrl-C or
Ctrl-D at the question cancels (exit 130); any answer but "yes" cancels (exit 1).
With PLANFILE (from "kmsctl plan --out"), applies exactly that plan, after reading every key it
changes again, each in its own account (reached as the plan recorded it) and region: if any key
changed since the plan, the whole plan is refused as stale.

Each version is created with its key's own account's credentials, never another account's. A location
(account and region) whose keys cannot be read, e.g. a role that cannot be assumed, fails only its
own keys; the other locations are applied.

Keys in error (missing, disabled, symmetric...) are reported as failed and the others applied;
narrow with --target to leave them out. Before each CreateKeyVersion the key is read again; a key
another pipeline rotated meanwhile is skipped. A CreateKeyVersion that fails ambiguously (time-out,
reset, 5xx) is not blindly retried: the versions are listed again and a version that appeared is adopted.

${CONFIG_HELP}

Apply:
  --auto-approve        do not ask for confirmation (for CI)
  --json                the result as one JSON document (schemas/apply.schema.json); a failure is
                        one JSON document too (schemas/error.schema.json)
  --pin                 write the IDs of the created versions into the config files (see "kmsctl
                        pin"); checked before anything is created: every key the plan creates must be
                        declared in a config file that can be written (not one read with -f -)

${CONNECTION_HELP}

Exit codes: 0 every key as planned; 1 any key failed (a location that could not be read included),
a stale or invalid plan, a config error,
a refusal to run without --auto-approve, an answer other than "yes"; 130 interrupted (SIGINT,
SIGTERM, Ctrl-C or Ctrl-D at the question).`,
  options: APPLY_OPTIONS,
  allowPositionals: true,
  async run(values, positionals, ctx) {
    const parsed = parseApplyArgs(values, positionals);
    const view = new ApplyView(terminalOf(ctx), values.json === true);
    const args = argumentsOrFailure(parsed, view);
    if (args === undefined) return EXIT.error;
    const ready = args.planFile === undefined ? await planNow(args, ctx, view) : await loadSavedPlan(args.planFile, args, ctx, view);
    if ('failure' in ready) return view.failure(ready.failure);
    const { session } = ready;
    try {
      if (ready.run === undefined) return ready.exitCode;
      const { run, configFiles } = ready;
      const { plan } = run;
      if (args.pin) {
        const problems = configFiles.includes(STDIN_PATH) ? [stdinPinProblem()] : await pinPreflight(plan, configFiles, ctx.cwd);
        if (problems.length > 0) {
          return view.failure(failure(CLI_CODES.pinNotPossible, '--pin could not record the versions this plan creates; nothing was created', { diagnostics: problems.map((p) => errorDiagnostic(CLI_CODES.pinNotPossible, p)) }));
        }
      }
      const progress = view.progress();
      let done = 0;
      const report = await applyWith(plan, session, {
        parallelism: args.connection.parallelism,
        signal: ctx.signal,
        onResult: (result) => {
          view.result(result, progress, run.problems);
          progress.update(++done, plan.summary.create);
        },
      }).finally(() => progress.end());
      view.report(report, session.now(), run.problems);
      await publishApply(run, report, view, session.now());
      const pinned = args.pin ? await pinAfterApply({ plan, report, configFiles, cwd: ctx.cwd, now: session.now(), out: view.pinOutput, color: view.term.outColor }) : undefined;
      if (pinned !== undefined && pinned.files > 0) view.pinOutput.write(`${pinnedLine(pinned)}\n`);
      for (const problem of pinned?.problems ?? []) view.term.err.write(`error[${CLI_CODES.pinIncomplete}]: --pin: ${problem}\n`);
      const code = applyExitCode(report, run.problems.length);
      return code === EXIT.ok && (pinned?.problems.length ?? 0) > 0 ? EXIT.error : code;
    } finally {
      await session.close();
    }
  },
};

/** What apply goes on with: a plan and the session of its accounts, or the exit code of a run that stops here (the session still to close). */
type Ready = { session: KmsSession } & ({ run: PlanRun; configFiles: readonly string[] } | { run: undefined; exitCode: number }) | { failure: Failure };

/** Plans, shows the plan and, when it creates anything, asks for approval. */
async function planNow(args: ApplyArgs, ctx: CommandContext, view: ApplyView): Promise<Ready> {
  const read = await readRunConfig({ ...args.config, profile: args.connection.profile }, ctx, view);
  if (read.failure !== undefined) return { failure: read.failure };
  const { config, desired } = read;
  if (args.pin && config.fromStdin) return { failure: failure(CLI_CODES.stdinConfigUnsupported, stdinPinProblem(), { detail: 'write the config to a file and pass it with -f, or leave out --pin' }) };
  const session = sessionForKeys(args.connection, ctx, view, desired);
  const closeWith = async (result: Ready): Promise<Ready> => {
    if ('failure' in result) await session.close();
    return result;
  };
  const progress = view.progress('Reading keys');
  let run: PlanRun;
  try {
    run = await makePlan(desired, session, { parallelism: args.connection.parallelism, signal: ctx.signal, onKeyRead: (done, total) => progress.update(done, total) }, config.loaded.sources).finally(() => progress.end());
  } catch (error) {
    await session.close();
    throw error;
  }
  view.plan(run, desired, config.loaded.sources);
  const configFiles = desired.files;
  if (run.plan.summary.create === 0 || args.autoApprove) return { session, run, configFiles };
  const approval = await view.approve(run.plan, ctx);
  switch (approval) {
    case 'approved':
      return { session, run, configFiles };
    case 'no-terminal':
      return closeWith({ failure: failure(CLI_CODES.applyNeedsApproval, 'no terminal to ask for approval; nothing was created', { detail: 'run "kmsctl apply --auto-approve" in pipelines, or apply a saved plan reviewed earlier' }) });
    case 'declined':
      view.cancelled();
      return closeWith({ failure: failure(CLI_CODES.applyCancelled, 'apply cancelled: only "yes" approves; nothing was created') });
    case 'interrupted':
      view.cancelled();
      return closeWith({ failure: failure(CLI_CODES.applyCancelled, 'apply cancelled; nothing was created', { exitCode: EXIT.interrupted }) });
  }
}

/**
 * A saved plan, after checking that its locations' endpoints are this run's and that no key it changes
 * has changed in its account. The session speaks to each account as the plan did (the plan records how
 * each is reached). Locations whose keys cannot be read at all are shown; their keys fail in apply, the
 * other locations are applied.
 */
async function loadSavedPlan(path: string, args: ApplyArgs, ctx: CommandContext, view: ApplyView): Promise<Ready> {
  const read = await readSavedPlan(resolve(ctx.cwd, path), path);
  const saved = read.value;
  if (saved === undefined) {
    const [first, ...rest] = read.diagnostics;
    return { failure: failure(first?.code ?? CLI_CODES.planFileInvalid, first?.summary ?? `cannot read ${path}`, { detail: first?.detail, diagnostics: rest }) };
  }
  if (args.pin && saved.configFiles.includes(STDIN_PATH)) {
    return { failure: failure(CLI_CODES.stdinConfigUnsupported, stdinPinProblem(), { detail: 'plan from a config file (-f FILE) to apply its plan with --pin, or leave out --pin' }) };
  }
  const session = sessionFor(args.connection, ctx, view, saved.accounts);
  try {
    const mismatches = changedEndpoints(saved.endpoints, saved.plan, session);
    if (mismatches.length > 0) {
      await session.close();
      return { failure: failure(CLI_CODES.planFileEndpointMismatch, `the plan in ${path} was made against other endpoints; nothing was created`, { detail: mismatches.join('\n') }) };
    }
    const { stale, problems } = await savedPlanFreshness(saved.plan, session, args.connection.parallelism, ctx.signal);
    if (stale.length > 0) {
      await session.close();
      return {
        failure: failure(CLI_CODES.planFileStale, `the saved plan ${path} is stale: ${stale.length} key${stale.length === 1 ? '' : 's'} changed since the plan; nothing was created`, {
          detail: `run "kmsctl plan --out ${path}" again and review it`,
          diagnostics: stale.map((key) => errorDiagnostic(CLI_CODES.planFileStale, `${key.name}: ${key.reasons.join('; ')}`)),
        }),
      };
    }
    view.problems(problems);
    return { session, run: { plan: saved.plan, problems }, configFiles: saved.configFiles };
  } catch (error) {
    await session.close();
    throw error;
  }
}

function stdinPinProblem(): string {
  return '--pin writes into the config files, and this config was read from standard input (-f -)';
}

function applyExitCode(report: ApplyReport, unreadLocations: number): number {
  if (report.interrupted) return EXIT.interrupted;
  return report.summary.failed > 0 || unreadLocations > 0 ? EXIT.error : EXIT.ok;
}
