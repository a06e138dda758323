/** `kmsctl version` (also `kmsctl --version`): the version of kmsctl and of the Node.js it runs on. */
import { KMSCTL_VERSION } from '../../version.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';

export const versionCommand: Command = {
  name: 'version',
  usage: 'kmsctl version',
  help: 'Prints "kmsctl <version>" on the first line, then the Node.js version it runs on.',
  options: {},
  allowPositionals: false,
  async run(_values, _positionals, ctx) {
    ctx.stdout.write(`kmsctl ${KMSCTL_VERSION}\nNode.js ${process.version}\n`);
    return EXIT.ok;
  },
};
