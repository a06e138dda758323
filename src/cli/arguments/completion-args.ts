/** `kmsctl completion SHELL`'s arguments, typed. */
import { errorDiagnostic, type Diagnostic, type Result } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { CLI_CODES } from '../error-codes.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export function parseCompletionArgs(positionals: readonly string[]): Result<{ shell: Shell }> {
  const diagnostics: Diagnostic[] = [];
  const [word, ...extra] = positionals;
  if (word === undefined) {
    diagnostics.push(errorDiagnostic(CLI_CODES.missingArgument, 'kmsctl completion needs a shell: bash, zsh or fish', undefined, 'e.g. kmsctl completion bash > /etc/bash_completion.d/kmsctl'));
    return { value: undefined, diagnostics };
  }
  const shell = SHELLS.find((s) => s === word);
  if (shell === undefined) {
    const hint = didYouMean(word, SHELLS);
    diagnostics.push(errorDiagnostic(CLI_CODES.badFlagValue, `kmsctl completion knows bash, zsh and fish, not ${JSON.stringify(word)}`, undefined, hint ? `did you mean "${hint}"?` : undefined));
  }
  if (extra.length > 0) diagnostics.push(errorDiagnostic(CLI_CODES.unexpectedArgument, `kmsctl completion takes one shell, got also ${JSON.stringify(extra[0])}`));
  return { value: shell === undefined || diagnostics.length > 0 ? undefined : { shell }, diagnostics };
}
