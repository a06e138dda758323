/**
 * The command line, read once: global flags (accepted before the command and after it), the command's
 * name, and the command's own flags. Every mistake becomes a diagnostic with a code and, where it helps,
 * the closest known name; nothing here throws for a user mistake, and no message of node:util leaks
 * through (the tokens of a non-strict parseArgs are checked here instead).
 */
import { parseArgs } from 'node:util';
import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { CLI_CODES } from '../error-codes.js';

/** Flags every command accepts, before or after its name. */
export const GLOBAL_OPTIONS: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  chdir: { type: 'string' },
};

/** Help lines of the global flags, shown by `kmsctl --help`. */
export const GLOBAL_HELP = `Global options (before or after the command):
  --chdir DIR    run as if kmsctl was started in DIR (config files, plan files, --out)
  --debug        print request logs and stack traces (never secrets)
  --no-color     plain output (also NO_COLOR=1; FORCE_COLOR=1 forces colours into a pipe)
  -h, --help     show help for kmsctl or a command
  --version      print the version (also "kmsctl version")`;

export interface GlobalArgs {
  help: boolean;
  version: boolean;
  debug: boolean;
  noColor: boolean;
  chdir: string | undefined;
}

export interface SplitCommandLine {
  globals: GlobalArgs;
  /** The first word that is not a global flag. */
  command: string | undefined;
  /** Everything after the command's name. */
  rest: string[];
  diagnostics: Diagnostic[];
}

const LEADING_OPTIONS: OptionSpec = { ...GLOBAL_OPTIONS, version: { type: 'boolean', short: 'v' } };

/** Splits `kmsctl [global flags] COMMAND [args]`. */
export function splitCommandLine(argv: readonly string[]): SplitCommandLine {
  let index = 0;
  const leading: string[] = [];
  while (index < argv.length && argv[index]!.startsWith('-') && argv[index] !== '-' && argv[index] !== '--') {
    const word = argv[index]!;
    leading.push(word);
    index += 1;
    const name = word.replace(/^-+/, '').split('=')[0];
    if (LEADING_OPTIONS[name ?? '']?.type === 'string' && !word.includes('=') && index < argv.length) leading.push(argv[index++]!);
  }
  if (argv[index] === '--') index += 1;
  const parsed = parseTokens(LEADING_OPTIONS, leading, false);
  const diagnostics = parsed.diagnostics.map((d) =>
    d.code === CLI_CODES.unknownFlag ? { ...d, detail: `${d.detail ? `${d.detail}\n` : ''}a command comes first, e.g. "kmsctl plan ${leading[0] ?? ''}"; run "kmsctl --help" for the commands` } : d,
  );
  return { globals: globalsOf(parsed.values), command: argv[index], rest: argv.slice(index + 1), diagnostics };
}

/** The global flags given after the command, merged into those given before it. */
export function mergeGlobals(before: GlobalArgs, values: OptionValues): GlobalArgs {
  const after = globalsOf(values);
  return {
    help: before.help || after.help,
    version: before.version,
    debug: before.debug || after.debug,
    noColor: before.noColor || after.noColor,
    chdir: after.chdir ?? before.chdir,
  };
}

function globalsOf(values: OptionValues): GlobalArgs {
  return {
    help: values.help === true,
    version: values.version === true,
    debug: values.debug === true,
    noColor: values['no-color'] === true,
    chdir: typeof values.chdir === 'string' ? values.chdir : undefined,
  };
}

export interface ParsedArguments {
  values: OptionValues;
  positionals: string[];
  diagnostics: Diagnostic[];
}

/** A command's flags and arguments (global flags included), with a diagnostic for each mistake. */
export function parseCommandArguments(commandName: string, options: OptionSpec, args: readonly string[], allowPositionals: boolean): ParsedArguments {
  const spec = { ...GLOBAL_OPTIONS, ...options };
  const parsed = parseTokens(spec, args, true);
  const detail = `run "kmsctl ${commandName} --help" for its options`;
  const diagnostics: Diagnostic[] = parsed.diagnostics.map((d) => ({ ...d, detail: d.detail ? `${d.detail}; ${detail}` : detail }));
  if (!allowPositionals && parsed.positionals.length > 0 && parsed.values.help !== true) {
    diagnostics.push(errorDiagnostic(CLI_CODES.unexpectedArgument, `kmsctl ${commandName} takes no arguments, got ${JSON.stringify(parsed.positionals[0])}`, undefined, detail));
  }
  return { ...parsed, diagnostics };
}

function parseTokens(spec: OptionSpec, args: readonly string[], allowPositionals: boolean): ParsedArguments {
  const { tokens } = parseArgs({ args: [...args], options: spec, strict: false, allowPositionals: true, tokens: true });
  const values: OptionValues = {};
  const positionals: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const known = Object.entries(spec).flatMap(([name, def]) => [`--${name}`, ...(def.short ? [`-${def.short}`] : [])]);
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (allowPositionals) positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const def = spec[token.name];
    const shown = flagName(token.name, spec);
    if (def === undefined) {
      const hint = didYouMean(token.rawName, known);
      diagnostics.push(errorDiagnostic(CLI_CODES.unknownFlag, `unknown flag ${token.rawName}`, undefined, hint ? `did you mean ${hint}?` : undefined));
      continue;
    }
    if (def.type === 'boolean') {
      if (token.inlineValue === true) diagnostics.push(errorDiagnostic(CLI_CODES.badFlagValue, `${shown} takes no value, got ${JSON.stringify(`${token.rawName}=${token.value ?? ''}`)}`));
      else values[token.name] = true;
      continue;
    }
    // A value that looks like a flag (`-f --json`) was not meant as the value: the value is missing.
    const value = token.value;
    if (value === undefined || (token.inlineValue !== true && value.startsWith('-') && value !== '-')) {
      diagnostics.push(errorDiagnostic(CLI_CODES.missingFlagValue, `${shown} needs a value`, undefined, value === undefined ? undefined : `${JSON.stringify(value)} looks like a flag; write ${token.rawName}=${value} if it is the value`));
      if (value !== undefined && value.startsWith('-')) reparseAsFlag(value, spec, values, diagnostics, known);
      continue;
    }
    if (def.multiple) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), value];
    else values[token.name] = value;
  }
  return { values, positionals, diagnostics };
}

/** `-f --json`: --json was meant as a flag of its own. */
function reparseAsFlag(word: string, spec: OptionSpec, values: OptionValues, diagnostics: Diagnostic[], known: string[]): void {
  const name = word.replace(/^-+/, '');
  const def = spec[name] ?? Object.entries(spec).find(([, d]) => d.short === name)?.[1];
  const key = spec[name] ? name : Object.entries(spec).find(([, d]) => d.short === name)?.[0];
  if (def?.type === 'boolean' && key !== undefined) values[key] = true;
  else if (def === undefined) {
    const hint = didYouMean(word, known);
    diagnostics.push(errorDiagnostic(CLI_CODES.unknownFlag, `unknown flag ${word}`, undefined, hint ? `did you mean ${hint}?` : undefined));
  }
}

/** `-f/--file` or `--json`, as help texts name a flag. */
function flagName(name: string, spec: OptionSpec): string {
  const short = spec[name]?.short;
  return short ? `-${short}/--${name}` : `--${name}`;
}

/** Whether the words ask for JSON output (`--json`, `--format json`): a failure is then a JSON document too. */
export function asksForJson(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') return false;
    if (word === '--json' || word === '--format=json') return true;
    if (word === '--format' && args[i + 1] === 'json') return true;
  }
  return false;
}

/** A flag's value as a list (for `multiple` flags), never undefined. */
export function listValue(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (value === undefined || typeof value === 'boolean') return [];
  return Array.isArray(value) ? value : [value];
}

export function stringValue(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanValue(values: OptionValues, name: string): boolean {
  return values[name] === true;
}
