/**
 * Parses one command's flags with node:util parseArgs in strict mode, turning its errors into
 * CliErrors that name the flag and suggest the closest known one.
 */
import { parseArgs } from 'node:util';
import { CliError } from './cli-error.js';
import type { Command, OptionSpec, OptionValues } from './command.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';

/** Flags every command accepts. */
export const GLOBAL_OPTIONS: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
  'no-color': { type: 'boolean' },
};

export interface ParsedCommandLine {
  values: OptionValues;
  positionals: string[];
}

export function parseCommandLine(command: Command, args: string[]): ParsedCommandLine {
  const options: OptionSpec = { ...GLOBAL_OPTIONS, ...command.options };
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    if (positionals.length > 0 && !command.allowPositionals && values.help !== true) {
      throw new CliError('cli.unexpected-argument', `kmsctl ${command.name} takes no arguments, got "${positionals[0]}"\nUsage: ${command.usage}`);
    }
    return { values: values as OptionValues, positionals };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw toCliError(command, options, error);
  }
}

function toCliError(command: Command, options: OptionSpec, error: unknown): CliError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const flagMatch = /'(-{1,2}[^' ]+)/.exec(message);
  const flag = flagMatch?.[1] ?? '';
  const usage = `Usage: ${command.usage}\nRun "kmsctl ${command.name} --help" for the options.`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = Object.keys(options).map((name) => `--${name}`);
    const hint = didYouMean(flag.split('=')[0] ?? flag, known);
    return new CliError('cli.unknown-flag', `unknown flag ${flag} for kmsctl ${command.name}${hint ? `; did you mean ${hint}?` : ''}\n${usage}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new CliError('cli.bad-flag-value', `${message.replace(/\.$/, '')}\n${usage}`);
  }
  return new CliError('cli.bad-arguments', `${message}\n${usage}`);
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

/** A positive whole number flag, e.g. --parallelism, with a clear error for anything else. */
export function positiveIntegerValue(values: OptionValues, name: string, fallback: number, max: number): number {
  const raw = stringValue(values, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new CliError('cli.bad-flag-value', `--${name} takes a whole number from 1 to ${max}, got "${raw}"`);
  }
  return Number(raw);
}
