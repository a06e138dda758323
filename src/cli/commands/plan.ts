/** `kmsctl plan`: read the config and the live keys, and show what apply would do. */
import { resolve } from 'node:path';
import { planKeys } from '../../plan/planner.js';
import { createSavedPlan, serializeSavedPlan } from '../../plan/saved-plan.js';
import type { Plan } from '../../plan/types.js';
import { planJsonText } from '../../render/plan-json.js';
import { renderPlanMarkdown } from '../../render/plan-markdown.js';
import { renderPlanText } from '../../render/plan-text.js';
import { readLiveState } from '../../state/read-live-state.js';
import { KMSCTL_VERSION } from '../../version.js';
import { CliError, EXIT } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTIONS, CONNECTION_HELP, CONNECTION_OPTIONS, DEFAULT_PARALLELISM, MAX_PARALLELISM } from '../common-options.js';
import { openKeyApis, type KeyApiSession } from '../kms-session.js';
import { loadDesired } from '../load-desired.js';
import { outputFormat, type OutputFormat } from '../output-format.js';
import { booleanValue, positiveIntegerValue, stringValue } from '../parse-command-line.js';
import { useColor } from '../use-color.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { MARKDOWN_OUT_HELP, MARKDOWN_OUT_OPTION, publishPlan } from '../ci-outputs.js';
import { startProgress } from '../progress.js';
import { collectGarbageBetweenPhases } from '../collect-garbage.js';

export const planCommand: Command = {
  name: 'plan',
  usage: 'kmsctl plan [-f FILE]... [--target NAME]... [--out FILE] [--json | --format text|json|markdown] [--markdown-out FILE] [--detailed-exitcode]',
  help: `Reads the declared keys from KMS (DescribeKey, ListKeyVersions) and plans one outcome per key:
create (one version now), deferred (the 7-day interval has not passed), error, or no change.
Nothing is changed.

${CONFIG_HELP}

Output:
  --out FILE            also save the plan for "kmsctl apply FILE" (holds no secret)
  --json                the plan as one JSON document (schemas/plan.schema.json)
  --format FORMAT       text (default), json, or markdown for a pull-request comment
${MARKDOWN_OUT_HELP}
  --detailed-exitcode   exit 2 when there is something to create and no error
  --no-color            no colours (also NO_COLOR)

${CONNECTION_HELP}

Exit codes: 0 no error; 1 an error (config, connection, or a key in error); 2 with
--detailed-exitcode when the plan creates a version.

Examples:
  kmsctl plan
  kmsctl plan -f keys/ --out plan.json --format markdown > plan.md
  kmsctl plan --target payments-signing --detailed-exitcode`,
  options: {
    ...CONFIG_OPTIONS,
    ...CONNECTION_OPTIONS,
    out: { type: 'string' },
    json: { type: 'boolean' },
    format: { type: 'string' },
    'detailed-exitcode': { type: 'boolean' },
    ...MARKDOWN_OUT_OPTION,
  },
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const format = outputFormat(values);
    const desired = await loadDesired(values, ctx);
    const session = openKeyApis(values, ctx);
    try {
      const plan = await makePlan(desired, session, positiveIntegerValue(values, 'parallelism', DEFAULT_PARALLELISM, MAX_PARALLELISM), ctx);
      const out = stringValue(values, 'out');
      if (out !== undefined) await savePlan(resolve(ctx.cwd, out), plan, session, desired.files);
      if (format === 'json') {
        for (const piece of planJsonText(plan, { kmsctlVersion: KMSCTL_VERSION })) {
          ctx.stdout.write(piece);
          await ctx.stdout.drained?.();
        }
      } else {
        ctx.stdout.write(renderPlan(plan, format, useColor(values, ctx)));
      }
      await publishPlan(plan, desired, values, ctx);
      if (out !== undefined && format === 'text') ctx.stdout.write(`\nSaved the plan to ${out}. Apply exactly this plan with: kmsctl apply ${out}\n`);
      return planExitCode(plan, booleanValue(values, 'detailed-exitcode'));
    } finally {
      await session.close();
    }
  },
};

/** Reads live state and plans it against the service's clock. */
export async function makePlan(
  desired: Parameters<typeof planKeys>[0],
  session: KeyApiSession,
  parallelism: number,
  ctx: CommandContext,
): Promise<Plan> {
  collectGarbageBetweenPhases(desired.keys.length);
  const progress = startProgress(ctx, 'Reading keys');
  let live;
  try {
    live = await readLiveState(desired.keys, session, { parallelism, signal: ctx.signal, onKeyRead: (done, total) => progress.update(done, total) });
  } finally {
    progress.end();
  }
  collectGarbageBetweenPhases(desired.keys.length);
  const plan = planKeys(desired, live, session.now());
  // The plan keeps what it needs of the live state; the rest goes before the plan is written out.
  live = undefined;
  collectGarbageBetweenPhases(desired.keys.length);
  return plan;
}

export function renderPlan(plan: Plan, format: OutputFormat, color: boolean): string {
  switch (format) {
    case 'json':
      return [...planJsonText(plan, { kmsctlVersion: KMSCTL_VERSION })].join('');
    case 'markdown':
      return renderPlanMarkdown(plan, { kmsctlVersion: KMSCTL_VERSION });
    case 'text':
      return renderPlanText(plan, { color, now: new Date(plan.createdAt) });
  }
}

async function savePlan(path: string, plan: Plan, session: KeyApiSession, configFiles: string[]): Promise<void> {
  const regions = [...new Set(plan.keys.map((key) => key.region))];
  const endpoints = Object.fromEntries(regions.map((region) => [region, session.endpointFor(region)]));
  const saved = createSavedPlan(plan, { kmsctlVersion: KMSCTL_VERSION, endpoints, configFiles });
  try {
    await writeFileAtomic(path, serializeSavedPlan(saved));
  } catch (error) {
    throw new CliError('plan-file.unwritable', `cannot write the plan to ${path}: ${(error as Error).message}`);
  }
}

export function planExitCode(plan: Plan, detailed: boolean): number {
  if (plan.summary.error > 0) return EXIT.error;
  if (detailed && plan.summary.create > 0) return EXIT.changes;
  return EXIT.ok;
}
