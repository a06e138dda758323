/**
 * Shell completion scripts, made from the command table and each command's own flags, so a new flag
 * completes as soon as it exists: bash (`complete -F`), zsh (through bash's completion) and fish.
 */
import type { Shell } from './arguments/completion-args.js';
import { GLOBAL_OPTIONS } from './arguments/command-line.js';
import type { OptionSpec } from './command.js';

export interface CompletedCommand {
  name: string;
  summary: string;
  options: OptionSpec;
}

function flagsOf(options: OptionSpec): string[] {
  return Object.entries({ ...GLOBAL_OPTIONS, ...options }).flatMap(([name, def]) => [`--${name}`, ...(def.short ? [`-${def.short}`] : [])]);
}

export function completionScript(shell: Shell, commands: readonly CompletedCommand[]): string {
  switch (shell) {
    case 'bash':
      return bashScript(commands);
    case 'zsh':
      return `#compdef kmsctl\n# kmsctl completion for zsh: eval "$(kmsctl completion zsh)" in ~/.zshrc\nautoload -U +X bashcompinit && bashcompinit\n${bashScript(commands)}`;
    case 'fish':
      return fishScript(commands);
  }
}

function bashScript(commands: readonly CompletedCommand[]): string {
  const cases = commands.map((c) => `    ${c.name}) flags="${flagsOf(c.options).join(' ')}" ;;`).join('\n');
  return `# kmsctl completion for bash: source <(kmsctl completion bash), or save it in /etc/bash_completion.d/kmsctl
_kmsctl() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" command="" word flags
  for word in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$word" in -*) ;; *) command="$word"; break ;; esac
  done
  if [ -z "$command" ]; then
    COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(' ')} ${flagsOf({}).join(' ')} --version" -- "$cur") )
    return
  fi
  case "$command" in
${cases}
    completion) flags="bash zsh fish" ;;
    *) flags="" ;;
  esac
  if [[ "$cur" == -* || "$command" == completion ]]; then
    COMPREPLY=( $(compgen -W "$flags" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o default -F _kmsctl kmsctl
`;
}

function fishScript(commands: readonly CompletedCommand[]): string {
  const names = commands.map((c) => c.name).join(' ');
  const lines = [
    '# kmsctl completion for fish: kmsctl completion fish > ~/.config/fish/completions/kmsctl.fish',
    'complete -c kmsctl -f',
    ...commands.map((c) => `complete -c kmsctl -n "not __fish_seen_subcommand_from ${names}" -a ${c.name} -d ${JSON.stringify(c.summary)}`),
    `complete -c kmsctl -n "__fish_seen_subcommand_from completion" -a "bash zsh fish"`,
  ];
  for (const command of commands) {
    for (const [name, def] of Object.entries({ ...GLOBAL_OPTIONS, ...command.options })) {
      const short = def.short ? ` -s ${def.short}` : '';
      const value = def.type === 'string' ? ' -r -F' : '';
      lines.push(`complete -c kmsctl -n "__fish_seen_subcommand_from ${command.name}" -l ${name}${short}${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
