/** `kmsctl completion bash|zsh|fish`: print a shell completion script for kmsctl's commands and flags. */
import { parseCompletionArgs } from '../arguments/completion-args.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { COMMANDS } from '../command-table.js';
import { completionScript } from '../completion.js';
import { argumentsOrFailure } from '../run-context.js';
import { CommandView } from '../views/command-view.js';
import { terminalOf } from '../views/terminal.js';

export const completionCommand: Command = {
  name: 'completion',
  usage: 'kmsctl completion bash|zsh|fish',
  help: `Prints a script that completes kmsctl's commands and flags in the shell, and file names after flags
that take a path.

Install it:
  bash   source <(kmsctl completion bash)    (or save it in /etc/bash_completion.d/kmsctl)
  zsh    eval "$(kmsctl completion zsh)"     (in ~/.zshrc)
  fish   kmsctl completion fish > ~/.config/fish/completions/kmsctl.fish`,
  options: {},
  allowPositionals: true,
  async run(_values, positionals, ctx) {
    const view = new CommandView(terminalOf(ctx), 'completion', 'human');
    const args = argumentsOrFailure(parseCompletionArgs(positionals), view);
    if (args === undefined) return EXIT.error;
    const commands = await Promise.all(COMMANDS.map(async (entry) => ({ name: entry.name, summary: entry.summary, options: (await entry.load()).options })));
    view.term.out.write(completionScript(args.shell, commands));
    return EXIT.ok;
  },
};
