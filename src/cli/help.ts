/** Help texts for `kmsctl --help` and `kmsctl COMMAND --help`. */
import { KMSCTL_VERSION } from '../version.js';
import { GLOBAL_HELP } from './arguments/command-line.js';
import type { Command } from './command.js';
import type { CommandEntry } from './command-table.js';

export function renderMainHelp(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `kmsctl ${KMSCTL_VERSION}: declarative Alibaba Cloud KMS key versions`,
    '',
    'Usage: kmsctl [global options] COMMAND [options]',
    '',
    'Commands:',
    ...lines,
    '',
    GLOBAL_HELP,
    '',
    'Run "kmsctl COMMAND --help" for a command\'s options.',
    '',
  ].join('\n');
}

export function renderCommandHelp(entry: CommandEntry, command: Command): string {
  return [`Usage: ${command.usage}`, '', entry.summary, '', command.help.trimEnd(), '', 'Global options: --chdir DIR, --debug, --no-color, -h/--help (see "kmsctl --help").', ''].join('\n');
}
