/**
 * Splits a CLI profile's `process_command` into a program and its arguments, the way the Alibaba Cloud
 * CLI and its credentials library read it, without a shell: whitespace separates words; single quotes
 * keep everything literal; double quotes keep everything but `\"` (and, off Windows, `\\`, `\$`,
 * `` \` `` and a backslash-newline); off Windows a backslash outside quotes escapes the next character,
 * on Windows it is a path separator and stays. `""` is an empty argument. kmsctl keeps its own copy
 * because the library exports this only from a private module path.
 */

/** The words of `command`; throws an Error naming what is wrong (empty, an unclosed quote), never quoting the command. */
export function splitCommand(command: string, windows: boolean): string[] {
  const input = command.trim();
  if (input === '') throw new Error('process_command is empty');
  const words: string[] = [];
  let word = '';
  let started = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    const next = input[i + 1];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && next !== undefined && escapesInDoubleQuotes(next, windows)) {
        if (next !== '\n') word += next;
        i++;
      } else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else if (c === '\\' && !windows) {
      if (next === undefined) throw new Error('process_command ends with a backslash');
      if (next !== '\n') {
        word += next;
        started = true;
      }
      i++;
    } else {
      word += c;
      started = true;
    }
  }
  if (quote !== undefined) throw new Error(`process_command has an unclosed ${quote === '"' ? 'double' : 'single'} quote`);
  if (started) words.push(word);
  return words;
}

function escapesInDoubleQuotes(next: string, windows: boolean): boolean {
  return windows ? next === '"' : next === '"' || next === '\\' || next === '$' || next === '`' || next === '\n';
}
