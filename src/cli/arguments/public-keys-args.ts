/**
 * `kmsctl public-keys`'s arguments, typed: which keys (the config's, narrowed by `--target` and
 * `--account` as every command narrows them), which versions, and where the keys go.
 */
import { errorDiagnostic, type Diagnostic, type Result } from '../../diagnostics/diagnostic.js';
import { MAX_KEY_VERSIONS } from '../../kms/wire/enums.js';
import { DEFAULT_RSA_ALGORITHM, RSA_ALGORITHMS, type RsaAlgorithm } from '../../public-keys/jose-algorithm.js';
import type { PublicKeysFormat } from '../../public-keys/public-keys-json.js';
import type { OptionSpec, OptionValues } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { booleanValue, stringValue } from './command-line.js';
import { CONFIG_OPTIONS, parseConfigArgs, type ConfigArgs } from './config-args.js';
import { CONNECTION_OPTIONS, parseConnectionArgs, positiveInteger, type ConnectionArgs } from './connection-args.js';

export interface PublicKeysArgs {
  config: ConfigArgs;
  connection: ConnectionArgs;
  format: PublicKeysFormat;
  /** The JWKS file; undefined: stdout. */
  out: string | undefined;
  /** The folder of the PEM files. */
  outDir: string | undefined;
  onlyNewest: number | undefined;
  rsaAlgorithm: RsaAlgorithm;
  json: boolean;
}

export const PUBLIC_KEYS_OPTIONS: OptionSpec = {
  ...CONFIG_OPTIONS,
  ...CONNECTION_OPTIONS,
  format: { type: 'string' },
  out: { type: 'string' },
  'out-dir': { type: 'string' },
  'only-newest': { type: 'string' },
  'rsa-algorithm': { type: 'string' },
  json: { type: 'boolean' },
};

export function parsePublicKeysArgs(values: OptionValues): Result<PublicKeysArgs> {
  const config = parseConfigArgs(values);
  const connection = parseConnectionArgs(values);
  const diagnostics: Diagnostic[] = [...config.diagnostics, ...connection.diagnostics];
  const format = stringValue(values, 'format') ?? 'jwks';
  const out = stringValue(values, 'out');
  const outDir = stringValue(values, 'out-dir');
  if (format !== 'jwks' && format !== 'pem') diagnostics.push(errorDiagnostic(CLI_CODES.badFlagValue, `--format takes jwks or pem, got ${JSON.stringify(format)}`));
  if (format === 'pem' && outDir === undefined) diagnostics.push(errorDiagnostic(CLI_CODES.missingArgument, '--format pem writes one file per version and needs --out-dir DIR'));
  if (format === 'pem' && out !== undefined) diagnostics.push(errorDiagnostic(CLI_CODES.conflictingFlags, '--out names the JWKS file; with --format pem the files go to --out-dir'));
  if (format !== 'pem' && outDir !== undefined) diagnostics.push(errorDiagnostic(CLI_CODES.conflictingFlags, '--out-dir is for --format pem; a JWKS goes to --out FILE or stdout'));
  const onlyNewest = values['only-newest'] === undefined ? undefined : positiveInteger(values, 'only-newest', 1, MAX_KEY_VERSIONS, diagnostics);
  const rsaText = stringValue(values, 'rsa-algorithm') ?? DEFAULT_RSA_ALGORITHM;
  const rsaAlgorithm = RSA_ALGORITHMS.find((a) => a === rsaText);
  if (rsaAlgorithm === undefined) diagnostics.push(errorDiagnostic(CLI_CODES.badFlagValue, `--rsa-algorithm takes ${RSA_ALGORITHMS.join(' or ')}, got ${JSON.stringify(rsaText)}`));
  if (!config.value || !connection.value || rsaAlgorithm === undefined || (format !== 'jwks' && format !== 'pem') || diagnostics.some((d) => d.severity === 'error')) return { value: undefined, diagnostics };
  return {
    value: { config: config.value, connection: connection.value, format, out, outDir, onlyNewest, rsaAlgorithm, json: booleanValue(values, 'json') },
    diagnostics,
  };
}
