/** `kmsctl show`: the live state of the declared keys (versions with ages, primary, next allowed). */
import { showKeys, renderShowText, showToJson } from '../../render/show-text.js';
import { readLiveState } from '../../state/read-live-state.js';
import { KMSCTL_VERSION } from '../../version.js';
import type { Command } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTIONS, CONNECTION_HELP, CONNECTION_OPTIONS, DEFAULT_PARALLELISM, MAX_PARALLELISM } from '../common-options.js';
import { EXIT } from '../cli-error.js';
import { openKeyApis } from '../kms-session.js';
import { loadDesired } from '../load-desired.js';
import { booleanValue, positiveIntegerValue } from '../parse-command-line.js';
import { startProgress } from '../progress.js';

export const showCommand: Command = {
  name: 'show',
  usage: 'kmsctl show [-f FILE]... [--target NAME]... [--json]',
  help: `For each declared key: its state, every version with its age (* marks the primary version),
and when the service allows the next version. Nothing is changed.

${CONFIG_HELP}

Output:
  --json                one JSON document

${CONNECTION_HELP}

Exit codes: 0 every key was read; 1 a key could not be read, or a config or connection error.`,
  options: { ...CONFIG_OPTIONS, ...CONNECTION_OPTIONS, json: { type: 'boolean' } },
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const desired = await loadDesired(values, ctx);
    const session = openKeyApis(values, ctx);
    try {
      const parallelism = positiveIntegerValue(values, 'parallelism', DEFAULT_PARALLELISM, MAX_PARALLELISM);
      const progress = startProgress(ctx, 'Reading keys');
      const live = await readLiveState(desired.keys, session, { parallelism, signal: ctx.signal, onKeyRead: (done, total) => progress.update(done, total) }).finally(() => progress.end());
      const now = session.now();
      const shown = showKeys(desired.keys, live, now);
      ctx.stdout.write(booleanValue(values, 'json') ? `${JSON.stringify(showToJson(shown, { kmsctlVersion: KMSCTL_VERSION, now }), null, 2)}\n` : renderShowText(shown));
      return shown.every((key) => key.found) ? EXIT.ok : EXIT.error;
    } finally {
      await session.close();
    }
  },
};
