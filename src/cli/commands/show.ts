/** `kmsctl show`: the live state of the declared keys (versions with ages, primary, the next version). */
import { readLive } from '../../operations/make-plan.js';
import { showKeys } from '../../operations/show-keys.js';
import { CONFIG_HELP } from '../arguments/config-args.js';
import { CONNECTION_HELP } from '../arguments/connection-args.js';
import { parseShowArgs, SHOW_OPTIONS } from '../arguments/show-args.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { argumentsOrFailure, runOnKeys } from '../run-context.js';
import { ShowView } from '../views/show-view.js';
import { terminalOf } from '../views/terminal.js';

export const showCommand: Command = {
  name: 'show',
  usage: 'kmsctl show [-f FILE]... [--target NAME]... [--account NAME]... [--json]',
  help: `For each declared key, read in its own account and region (grouped by account when there are
several): its state, every version with its age (* marks the primary version),
and whether and when the service allows its next version, by the rules "kmsctl plan" follows (the
key's state, its spec, its maxVersions and the 7 days between versions). Nothing is changed.

${CONFIG_HELP}

Output:
  --json                one JSON document (schemas/show.schema.json); a failure is one JSON
                        document too (schemas/error.schema.json)

${CONNECTION_HELP}

Exit codes: 0 every key was read; 1 a key could not be read, or a flag, config or connection error;
130 interrupted.`,
  options: SHOW_OPTIONS,
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const parsed = parseShowArgs(values);
    const view = new ShowView(terminalOf(ctx), values.json === true);
    const args = argumentsOrFailure(parsed, view);
    if (args === undefined) return EXIT.error;
    return runOnKeys(args, ctx, view, async ({ desired, session, reading }) => {
      const { live, problems } = await reading('Reading keys', (options) => readLive(desired, session, options));
      const now = session.now();
      const shown = showKeys(desired.keys, live, now);
      view.keys(shown, now, problems);
      return shown.every((key) => key.live !== undefined) ? EXIT.ok : EXIT.error;
    });
  },
};
