/**
 * kmsctl's entry: reads the global flags (before or after the command), finds the command, parses its
 * flags, runs it, and turns every outcome into an exit code. Every failure is shown through a view:
 * `error[code]: message` on stderr, or with --json exactly one failure document on stdout. Anything
 * unexpected is reported as a bug, with the stack only under --debug.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorDiagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { KMSCTL_VERSION } from '../version.js';
import { asksForJson, mergeGlobals, parseCommandArguments, splitCommandLine } from './arguments/command-line.js';
import { EXIT } from './cli-error.js';
import type { CommandContext } from './command.js';
import { COMMANDS, type CommandEntry } from './command-table.js';
import { CLI_CODES } from './error-codes.js';
import { renderCommandHelp, renderMainHelp } from './help.js';
import { createProcessContext } from './process-context.js';
import { CommandView } from './views/command-view.js';
import { failure, failureFromDiagnostics, failureOf } from './views/failure.js';
import { terminalOf } from './views/terminal.js';

export async function runCli(argv: string[], context?: CommandContext): Promise<number> {
  const line = splitCommandLine(argv);
  const ctx0 = context ?? createProcessContext(argv.includes('--debug'));
  const json = asksForJson(line.rest);
  const baseView = (ctx: CommandContext, command: string | undefined): CommandView => new CommandView(terminalOf(ctx), command, json ? 'json' : 'human');
  if (line.diagnostics.length > 0) return baseView(ctx0, undefined).failure(failureFromDiagnostics(line.diagnostics));
  if (line.globals.version) {
    ctx0.stdout.write(`kmsctl ${KMSCTL_VERSION}\n`);
    return EXIT.ok;
  }
  if (line.command === undefined || line.command === 'help') {
    const topic = line.command === 'help' ? line.rest[0] : undefined;
    const entry = topic === undefined ? undefined : findCommand(topic);
    ctx0.stdout.write(entry ? renderCommandHelp(entry, await entry.load()) : renderMainHelp(COMMANDS));
    return line.command === undefined && !line.globals.help ? EXIT.error : EXIT.ok;
  }
  const entry = findCommand(line.command);
  if (!entry) return baseView(ctx0, undefined).failure(unknownCommand(line.command));
  const command = await entry.load();
  const parsed = parseCommandArguments(command.name, command.options, line.rest, command.allowPositionals);
  const globals = mergeGlobals(line.globals, parsed.values);
  const ctx: CommandContext = { ...ctx0, debug: ctx0.debug || globals.debug, noColor: ctx0.noColor === true || globals.noColor };
  if (globals.help) {
    ctx.stdout.write(renderCommandHelp(entry, command));
    return EXIT.ok;
  }
  if (parsed.diagnostics.length > 0) return baseView(ctx, command.name).failure(failureFromDiagnostics(parsed.diagnostics));
  if (globals.chdir !== undefined) {
    const cwd = resolve(ctx.cwd, globals.chdir);
    const info = await stat(cwd).catch(() => undefined);
    if (!info?.isDirectory()) return baseView(ctx, command.name).failure(failure(CLI_CODES.badDirectory, `--chdir ${globals.chdir}: ${info ? 'not a directory' : 'no such directory'}`));
    ctx.cwd = cwd;
  }
  try {
    return await command.run(parsed.values, parsed.positionals, ctx);
  } catch (error) {
    return baseView(ctx, command.name).failure(failureOf(ctx.signal.aborted && !(error instanceof Error && error.name === 'CliError') ? ctx.signal.reason : error, ctx.debug));
  }
}

function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((command) => command.name === name);
}

function unknownCommand(name: string) {
  const hint = didYouMean(name, COMMANDS.map((command) => command.name));
  return failureFromDiagnostics([errorDiagnostic(CLI_CODES.unknownCommand, `unknown command ${JSON.stringify(name)}`, undefined, `${hint ? `did you mean "${hint}"? ` : ''}run "kmsctl --help" for the commands`)]);
}
