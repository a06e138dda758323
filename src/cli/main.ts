/**
 * kmsctl's entry: finds the command, parses its flags, runs it, and turns every outcome into an exit
 * code. Expected failures print one clear message; anything else is reported as a bug, with the stack
 * only under --debug.
 */
import { KMSCTL_VERSION } from '../version.js';
import { CliError, EXIT } from './cli-error.js';
import type { CommandContext } from './command.js';
import { COMMANDS, type CommandEntry } from './command-table.js';
import { describeFailure } from './describe-failure.js';
import { renderCommandHelp, renderMainHelp } from './help.js';
import { booleanValue, parseCommandLine } from './parse-command-line.js';
import { createProcessContext } from './process-context.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';

export async function runCli(argv: string[], context?: CommandContext): Promise<number> {
  const ctx = context ?? createProcessContext(argv.includes('--debug'));
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    const entry = topic === undefined ? undefined : findCommand(topic);
    ctx.stdout.write(entry ? renderCommandHelp(entry, await entry.load()) : renderMainHelp(COMMANDS));
    return first === undefined ? EXIT.error : EXIT.ok;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    ctx.stdout.write(`kmsctl ${KMSCTL_VERSION}\n`);
    return EXIT.ok;
  }
  try {
    const entry = findCommand(first);
    if (!entry) throw unknownCommand(first);
    const command = await entry.load();
    const { values, positionals } = parseCommandLine(command, rest);
    if (booleanValue(values, 'help')) {
      ctx.stdout.write(renderCommandHelp(entry, command));
      return EXIT.ok;
    }
    return await command.run(values, positionals, ctx);
  } catch (error) {
    const failure = describeFailure(error, ctx.debug);
    ctx.stderr.write(`${failure.message}\n`);
    return failure.exitCode;
  }
}

function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((command) => command.name === name);
}

function unknownCommand(name: string): CliError {
  if (name.startsWith('-')) {
    return new CliError('cli.unknown-flag', `unknown flag ${name}; a command comes first, e.g. "kmsctl plan ${name}"\nRun "kmsctl --help" for the commands.`);
  }
  const hint = didYouMean(name, COMMANDS.map((command) => command.name));
  return new CliError('cli.unknown-command', `unknown command "${name}"${hint ? `; did you mean "${hint}"?` : ''}\nRun "kmsctl --help" for the commands.`);
}
