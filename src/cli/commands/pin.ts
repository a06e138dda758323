/**
 * `kmsctl pin`: record in the config what exists. Reads the live keys as `plan` does and writes the
 * ID of each live version an unpinned entry matched into that entry (with --adopt, also appends the
 * versions nothing declares), as text edits that add lines and change nothing else.
 */
import { keyLocationsOf } from '../../config-edit/key-locations.js';
import { pinRequestsFromPlan } from '../../config-edit/pin-requests.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTIONS, CONNECTION_HELP, CONNECTION_OPTIONS, DEFAULT_PARALLELISM, MAX_PARALLELISM } from '../common-options.js';
import { openKeyApis } from '../kms-session.js';
import { loadDesired } from '../load-desired.js';
import { booleanValue, positiveIntegerValue } from '../parse-command-line.js';
import { pinRewrites } from '../pin-config.js';
import { applyRewrites, plural } from '../rewrite-files.js';
import { useColor } from '../use-color.js';
import { makePlan } from './plan.js';

export const pinCommand: Command = {
  name: 'pin',
  usage: 'kmsctl pin [-f FILE]... [--target NAME]... [--adopt] [--check] [--diff]',
  help: `Reads the declared keys as "kmsctl plan" does. Each unpinned entry ("- label: 2026-q4") that
matched a live version gets that version's ID on a new line under it ("id: <uuid>"); the label
stays. Only lines are added: comments, key order, quoting and indentation stay as they are.
Nothing is sent to KMS but reads.

${CONFIG_HELP}

Pin:
  --adopt               also append an entry for each live version nothing declares (drift),
                        "- id: <uuid>  # adopted: created <date>"
  --check               change nothing; exit 1 when a file would change (a CI gate)
  --diff                print a unified diff of each file that changes
  --no-color            no colours (also NO_COLOR)

${CONNECTION_HELP}

Exit codes: 0 done (or, with --check, nothing to pin); 1 with --check something to pin, or an
entry that could not be pinned, or a config or connection error.

Examples:
  kmsctl pin --diff
  kmsctl pin --check
  kmsctl pin --adopt --target legacy-signing`,
  options: {
    ...CONFIG_OPTIONS,
    ...CONNECTION_OPTIONS,
    adopt: { type: 'boolean' },
    check: { type: 'boolean' },
    diff: { type: 'boolean' },
  },
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const check = booleanValue(values, 'check');
    const desired = await loadDesired(values, ctx);
    const session = openKeyApis(values, ctx);
    let plan;
    try {
      plan = await makePlan(desired, session, positiveIntegerValue(values, 'parallelism', DEFAULT_PARALLELISM, MAX_PARALLELISM), ctx);
    } finally {
      await session.close();
    }
    const requests = pinRequestsFromPlan(plan, keyLocationsOf(desired), { adopt: booleanValue(values, 'adopt') });
    const pinned = await pinRewrites(requests, ctx.cwd, check ? { pin: 'would pin', adopt: 'would adopt' } : { pin: 'pinned', adopt: 'adopted' });
    for (const key of requests.unread) ctx.stderr.write(`Warning: ${key.name}: could not be read (${key.reason}); nothing pinned for it.\n`);
    for (const problem of pinned.problems) ctx.stderr.write(`Error: ${problem}\n`);
    const changed = await applyRewrites(pinned.rewrites, ctx, { check, diff: booleanValue(values, 'diff'), color: useColor(values, ctx) });
    const versions = plural(pinned.pinned + pinned.adopted, 'version');
    if (changed.length === 0) ctx.stdout.write('Nothing to pin: the config records every matched version.\n');
    else if (check) ctx.stdout.write(`${plural(changed.length, 'file')} would change (${versions} to pin). Run "kmsctl pin" to write ${changed.length === 1 ? 'it' : 'them'}.\n`);
    else ctx.stdout.write(`Pinned ${versions} in ${plural(changed.length, 'file')}.\n`);
    if (requests.unadopted > 0) {
      const n = requests.unadopted;
      ctx.stdout.write(`Note: ${n} live ${n === 1 ? 'version is' : 'versions are'} not declared (drift); "kmsctl pin --adopt" adds ${n === 1 ? 'it' : 'them'}.\n`);
    }
    if (pinned.problems.length > 0) return EXIT.error;
    return check && changed.length > 0 ? EXIT.error : EXIT.ok;
  },
};
