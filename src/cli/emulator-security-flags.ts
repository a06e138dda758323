/**
 * The `kmsctl emulator` flags for HTTPS and the STS endpoint (`--tls`, `--tls-cert-out`,
 * `--sts-max-duration`, `--oidc-token-file`), turned into emulator options, and their banner lines.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EmulatorOptions, RunningEmulator } from '../emulator/index.js';
import { CliError } from './cli-error.js';
import type { OptionSpec, OptionValues } from './command.js';
import { booleanValue, stringValue } from './parse-command-line.js';

export const SECURITY_OPTIONS: OptionSpec = {
  tls: { type: 'boolean' },
  'tls-cert-out': { type: 'string' },
  'sts-max-duration': { type: 'string' },
  'oidc-token-file': { type: 'string' },
};

export const SECURITY_FLAGS_HELP = `  --tls             serve HTTPS with a self-signed certificate made at start (the first line then
                    says https://); clients trust it with NODE_EXTRA_CA_CERTS=<certificate file>
  --tls-cert-out FILE  where to write that certificate (default <state>.cert.pem, else a temporary
                    file removed on exit); the path is printed at start
  --sts-max-duration N  STS credentials live at most N seconds, whatever DurationSeconds asks (to
                    test refresh); default as asked, 900 to 43200
  --oidc-token-file FILE  AssumeRoleWithOIDC accepts only the token in FILE (default: any JWT-shaped
                    token whose exp has not passed)`;

/** The emulator options these flags set; file paths resolve against `cwd`. */
export function securityFlags(values: OptionValues, cwd: string): Pick<EmulatorOptions, 'tls' | 'tlsCertOut' | 'stsMaxDurationSeconds' | 'stsOidcToken'> {
  const certOut = stringValue(values, 'tls-cert-out');
  const tls = booleanValue(values, 'tls');
  if (certOut !== undefined && !tls) throw new CliError('cli.bad-flag-value', '--tls-cert-out needs --tls');
  const maxDuration = stringValue(values, 'sts-max-duration');
  if (maxDuration !== undefined && !/^[1-9]\d{0,5}$/.test(maxDuration)) {
    throw new CliError('cli.bad-flag-value', `--sts-max-duration takes a whole number of seconds from 1 to 999999, got "${maxDuration}"`);
  }
  const tokenFile = stringValue(values, 'oidc-token-file');
  return {
    tls,
    tlsCertOut: certOut === undefined ? undefined : resolve(cwd, certOut),
    stsMaxDurationSeconds: maxDuration === undefined ? undefined : Number(maxDuration),
    stsOidcToken: tokenFile === undefined ? undefined : readToken(resolve(cwd, tokenFile)),
  };
}

function readToken(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new CliError('cli.bad-flag-value', `--oidc-token-file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (text === '') throw new CliError('cli.bad-flag-value', `--oidc-token-file ${path} is empty`);
  return text;
}

/** Banner lines: where the certificate is and how to reach STS. */
export function securityBanner(emulator: RunningEmulator): string[] {
  const lines: string[] = [];
  if (emulator.tlsCertPath !== undefined) lines.push(`TLS certificate: ${emulator.tlsCertPath} (trust it with NODE_EXTRA_CA_CERTS=${emulator.tlsCertPath})`);
  lines.push(`STS (2015-04-01): AssumeRole, AssumeRoleWithOIDC and GetCallerIdentity on the same port (kmsctl --sts-endpoint ${emulator.url})`);
  return lines;
}
