/** Help texts for `kmsctl --help` and `kmsctl COMMAND --help`. */
import { KMSCTL_VERSION } from '../version.js';
import type { Command } from './command.js';
import type { CommandEntry } from './command-table.js';

export function renderMainHelp(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `kmsctl ${KMSCTL_VERSION}: declarative Alibaba Cloud KMS key versions`,
    '',
    'Usage: kmsctl COMMAND [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options:',
    '  -h, --help     show help for kmsctl or a command',
    '  --version      print the version',
    '  --debug        print request logs and stack traces (never secrets)',
    '  --no-color     plain output (also NO_COLOR=1)',
    '',
    'Run "kmsctl COMMAND --help" for a command\'s options.',
    '',
  ].join('\n');
}

export function renderCommandHelp(entry: CommandEntry, command: Command): string {
  return [`Usage: ${command.usage}`, '', entry.summary, '', command.help.trimEnd(), ''].join('\n');
}
