/** `kmsctl pin`'s arguments, typed. */
import type { Diagnostic, Result } from '../../diagnostics/diagnostic.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { booleanValue } from './command-line.js';
import { CONFIG_OPTIONS, parseConfigArgs, type ConfigArgs } from './config-args.js';
import { CONNECTION_OPTIONS, parseConnectionArgs, type ConnectionArgs } from './connection-args.js';

export interface PinArgs {
  config: ConfigArgs;
  connection: ConnectionArgs;
  adopt: boolean;
  check: boolean;
  diff: boolean;
}

export const PIN_OPTIONS: OptionSpec = {
  ...CONFIG_OPTIONS,
  ...CONNECTION_OPTIONS,
  adopt: { type: 'boolean' },
  check: { type: 'boolean' },
  diff: { type: 'boolean' },
};

export function parsePinArgs(values: OptionValues): Result<PinArgs> {
  const config = parseConfigArgs(values);
  const connection = parseConnectionArgs(values);
  const diagnostics: Diagnostic[] = [...config.diagnostics, ...connection.diagnostics];
  if (!config.value || !connection.value) return { value: undefined, diagnostics };
  return {
    value: { config: config.value, connection: connection.value, adopt: booleanValue(values, 'adopt'), check: booleanValue(values, 'check'), diff: booleanValue(values, 'diff') },
    diagnostics,
  };
}

/** The command that does what a `pin --check` run found, with the same selection: `kmsctl pin --adopt -f keys/`. */
export function pinCommandLine(args: PinArgs): string {
  const words = ['kmsctl', 'pin'];
  if (args.adopt) words.push('--adopt');
  for (const file of args.config.files) words.push('-f', shellWord(file));
  for (const target of args.config.targets) words.push('--target', shellWord(target));
  for (const account of args.config.accounts) words.push('--account', shellWord(account));
  if (args.config.region !== undefined) words.push('--region', args.config.region);
  return words.join(' ');
}

/** A word as a POSIX shell reads it back: quoted only when it must be. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
