/**
 * `kmsctl pin`: record in the config what exists. Reads the live keys as `plan` does and writes the
 * ID of each live version an unpinned entry matched into that entry (with --adopt, also appends the
 * versions nothing declares), as text edits that add lines and change nothing else.
 */
import { keyLocationsOf } from '../../config-edit/key-locations.js';
import { pinRequestsFromPlan } from '../../config-edit/pin-requests.js';
import { makePlan } from '../../operations/make-plan.js';
import { inProblemLocation } from '../../operations/location-problems.js';
import { locationProblemLine } from '../../render/location-problem-text.js';
import { CONFIG_HELP } from '../arguments/config-args.js';
import { CONNECTION_HELP } from '../arguments/connection-args.js';
import { parsePinArgs, pinCommandLine, PIN_OPTIONS } from '../arguments/pin-args.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { pinRewrites } from '../pin-config.js';
import { applyRewrites, plural } from '../rewrite-files.js';
import { argumentsOrFailure, runOnKeys } from '../run-context.js';
import { CommandView } from '../views/command-view.js';
import { failure } from '../views/failure.js';
import { terminalOf } from '../views/terminal.js';

export const pinCommand: Command = {
  name: 'pin',
  usage: 'kmsctl pin [-f FILE]... [--target NAME]... [--account NAME]... [--adopt] [--check] [--diff]',
  help: `Reads the declared keys as "kmsctl plan" does. Each unpinned entry ("- label: 2026-q4") that
matched a live version gets that version's ID on a new line under it ("id: <version ID>"); the label
stays. Only lines are added: comments, key order, quoting and indentation stay as they are.
Nothing is sent to KMS but reads, each key read in its own account and region. A read-only config
file (no write permission) is refused, not rewritten: make it writable first; a config read from
standard input (-f -) can only be checked (--check).

${CONFIG_HELP}

Pin:
  --adopt               also append an entry for each live version nothing declares (drift),
                        "- id: <version ID>  # adopted: created <date>"
  --check               change nothing; exit 1 when a file would change (a CI gate)
  --diff                print a unified diff of each file that changes

${CONNECTION_HELP}

Exit codes: 0 done (or, with --check, nothing to pin); 1 with --check something to pin, or an
entry that could not be pinned, a location (account and region) whose keys could not be read (the
others are pinned), a read-only file, or a config or connection error.

Examples:
  kmsctl pin --diff
  kmsctl pin --check
  kmsctl pin --adopt --target legacy-signing`,
  options: PIN_OPTIONS,
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const view = new CommandView(terminalOf(ctx), 'pin', 'human');
    const args = argumentsOrFailure(parsePinArgs(values), view);
    if (args === undefined) return EXIT.error;
    return runOnKeys(args, ctx, view, async ({ config, desired, session, reading }) => {
      if (config.fromStdin && !args.check) {
        return view.failure(failure(CLI_CODES.stdinConfigUnsupported, 'pin writes into the config files, and this config was read from standard input (-f -)', { detail: 'pass the config files with -f FILE, or check with "kmsctl pin --check -f -"' }));
      }
      const run = await reading('Reading keys', (options) => makePlan(desired, session, options, config.loaded.sources));
      const { plan } = run;
      for (const problem of run.problems) view.warning(`${locationProblemLine(problem)}; nothing pinned for its keys`);
      const { check } = args;
      const requests = pinRequestsFromPlan(plan, keyLocationsOf(desired), { adopt: args.adopt });
      const pinned = await pinRewrites(requests, ctx.cwd, check ? { pin: 'would pin', adopt: 'would adopt' } : { pin: 'pinned', adopt: 'adopted' });
      // A key of a location that could not be read at all was named with its location above: once is enough.
      const inFailedLocation = new Set(plan.keys.filter((key) => key.observed === undefined && run.problems.some((p) => inProblemLocation(key, p))).map((key) => key.name));
      for (const key of requests.unread) {
        view.warning(inFailedLocation.has(key.name) ? `${key.name}: not read (see its location above); nothing pinned for it` : `${key.name}: could not be read (${key.reason}); nothing pinned for it`);
      }
      for (const problem of pinned.problems) view.term.err.write(`error[${CLI_CODES.pinIncomplete}]: ${problem}\n`);
      const changed = await applyRewrites(pinned.rewrites, { cwd: ctx.cwd, check, diff: args.diff, color: view.term.outColor, out: view.term.out });
      const versions = plural(pinned.pinned + pinned.adopted, 'version');
      const out = view.term.out;
      if (changed.length === 0) out.write(`Nothing to pin: the config records every matched${args.adopt ? ' and drifted' : ''} version.\n`);
      else if (check) out.write(`${plural(changed.length, 'file')} would change (${versions} to pin). Run "${pinCommandLine(args)}" to write ${changed.length === 1 ? 'it' : 'them'}.\n`);
      else out.write(`Pinned ${versions} in ${plural(changed.length, 'file')}.\n`);
      if (requests.unadopted > 0) {
        const n = requests.unadopted;
        out.write(`Note: ${n} live ${n === 1 ? 'version is' : 'versions are'} not declared (drift); "${pinCommandLine({ ...args, adopt: true })}" adds ${n === 1 ? 'it' : 'them'}.\n`);
      }
      if (pinned.problems.length > 0 || run.problems.length > 0) return EXIT.error;
      return check && changed.length > 0 ? EXIT.error : EXIT.ok;
    });
  },
};
