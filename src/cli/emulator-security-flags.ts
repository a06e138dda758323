/**
 * The `kmsctl emulator` flags for HTTPS and the STS endpoint (`--tls`, `--tls-cert-out`,
 * `--sts-max-duration`, `--oidc-issuer-key`, `--oidc-token-file`), turned into emulator options, and
 * their banner lines, which say who can call what.
 */
import { resolve } from 'node:path';
import type { EmulatorOptions, RunningEmulator } from '../emulator/index.js';
import { isLoopback } from '../emulator/admin-guard.js';
import { readRegularFile } from '../emulator/read-regular-file.js';
import { parseOidcIssuerKeys } from '../emulator/sts/oidc-issuer-keys.js';
import { MAX_ISSUED_CREDENTIALS } from '../emulator/sts/temporary-credentials.js';
import { CLI_CODES } from './error-codes.js';
import { CliError } from './cli-error.js';
import type { OptionSpec, OptionValues } from './command.js';
import { booleanValue, stringValue } from './parse-command-line.js';

export const SECURITY_OPTIONS: OptionSpec = {
  tls: { type: 'boolean' },
  'tls-cert-out': { type: 'string' },
  'sts-max-duration': { type: 'string' },
  'oidc-token-file': { type: 'string' },
  'oidc-issuer-key': { type: 'string' },
};

export const SECURITY_FLAGS_HELP = `  --tls             serve HTTPS with a self-signed certificate made at start (the first line then
                    says https://); clients trust it with NODE_EXTRA_CA_CERTS=<certificate file>
  --tls-cert-out FILE  where to write that certificate (default <state>.cert.pem, else a temporary
                    file removed on exit); the path is printed at start
  --sts-max-duration N  STS credentials live at most N seconds, whatever DurationSeconds asks (to
                    test refresh); default as asked, 900 to 43200
  --oidc-issuer-key FILE  AssumeRoleWithOIDC accepts tokens signed (RS256 or ES256) by a key in FILE:
                    the issuer's JWKS (as served at its jwks_uri), a JWK, or PEM public keys
  --oidc-token-file FILE  AssumeRoleWithOIDC accepts the token in FILE, exactly (with neither flag,
                    AssumeRoleWithOIDC is refused: AuthenticationFail.NoPermission)`;

/** The emulator options these flags set; file paths resolve against `cwd`. */
export function securityFlags(values: OptionValues, cwd: string): Pick<EmulatorOptions, 'tls' | 'tlsCertOut' | 'stsMaxDurationSeconds' | 'stsOidcToken' | 'stsOidcIssuerKey'> {
  const certOut = stringValue(values, 'tls-cert-out');
  const tls = booleanValue(values, 'tls');
  if (certOut !== undefined && !tls) throw new CliError(CLI_CODES.badFlagValue, '--tls-cert-out needs --tls');
  const maxDuration = stringValue(values, 'sts-max-duration');
  if (maxDuration !== undefined && !/^[1-9]\d{0,5}$/.test(maxDuration)) {
    throw new CliError(CLI_CODES.badFlagValue, `--sts-max-duration takes a whole number of seconds from 1 to 999999, got "${maxDuration}"`);
  }
  const tokenFile = stringValue(values, 'oidc-token-file');
  const issuerKeyFile = stringValue(values, 'oidc-issuer-key');
  return {
    tls,
    tlsCertOut: certOut === undefined ? undefined : resolve(cwd, certOut),
    stsMaxDurationSeconds: maxDuration === undefined ? undefined : Number(maxDuration),
    stsOidcToken: tokenFile === undefined ? undefined : readFlagFile('oidc-token-file', resolve(cwd, tokenFile)),
    stsOidcIssuerKey: issuerKeyFile === undefined ? undefined : readIssuerKey(resolve(cwd, issuerKeyFile)),
  };
}

function readIssuerKey(path: string): string {
  const text = readFlagFile('oidc-issuer-key', path);
  const parsed = parseOidcIssuerKeys(text);
  if ('problem' in parsed) throw new CliError(CLI_CODES.badFlagValue, `--oidc-issuer-key ${path} cannot be used: ${parsed.problem}`);
  return text;
}

/** A flag's file, read only when it is a regular file (a FIFO would hold the start); its content is never quoted. */
function readFlagFile(flag: string, path: string): string {
  const read = readRegularFile(path);
  if (read.status === 'missing') throw new CliError(CLI_CODES.badFlagValue, `--${flag} ${path} does not exist`);
  if (read.status === 'refused') throw new CliError(CLI_CODES.badFlagValue, `--${flag} ${path} ${read.problem}`);
  const text = read.text.trim();
  if (text === '') throw new CliError(CLI_CODES.badFlagValue, `--${flag} ${path} is empty`);
  return text;
}

/**
 * Banner lines: where the certificate is, how to reach STS and what AssumeRoleWithOIDC trusts, and, when
 * bound beyond loopback, who can call what: the one unsigned action is AssumeRoleWithOIDC; every other
 * action needs a signature with the access key; the /_emulator/ endpoints answer loopback clients only.
 */
export function securityBanner(emulator: RunningEmulator): string[] {
  const lines: string[] = [];
  if (emulator.tlsCertPath !== undefined) lines.push(`TLS certificate: ${emulator.tlsCertPath} (trust it with NODE_EXTRA_CA_CERTS=${emulator.tlsCertPath})`);
  lines.push(`STS (2015-04-01): AssumeRole, AssumeRoleWithOIDC and GetCallerIdentity on the same port (kmsctl --sts-endpoint ${emulator.url})`);
  lines.push(`OIDC: ${oidcTrust(emulator.oidc)}; at most ${MAX_ISSUED_CREDENTIALS.toLocaleString('en-US')} STS credentials are kept, the oldest forgotten first`);
  return lines;
}

function oidcTrust(oidc: RunningEmulator['oidc']): string {
  const trusted = [
    ...(oidc.issuerKeys > 0 ? [`tokens signed by the ${oidc.issuerKeys === 1 ? 'issuer key' : `${oidc.issuerKeys} issuer keys`} of --oidc-issuer-key`] : []),
    ...(oidc.token ? ['the token of --oidc-token-file'] : []),
  ];
  return trusted.length === 0 ? 'AssumeRoleWithOIDC is refused (no --oidc-issuer-key or --oidc-token-file)' : `AssumeRoleWithOIDC accepts ${trusted.join(' or ')}, unexpired`;
}

/**
 * The warning for a bind beyond loopback, on stderr: exactly what a caller who reaches the port can do
 * without the access key, and what needs it.
 */
export function exposureWarning(emulator: RunningEmulator): string | undefined {
  if (isLoopback(emulator.host)) return undefined;
  const oidc = emulator.oidc.issuerKeys > 0 || emulator.oidc.token ? 'AssumeRoleWithOIDC, which mints STS credentials for any valid OIDC token it trusts' : 'AssumeRoleWithOIDC, which is refused as no OIDC issuer is configured';
  return (
    `Warning: bound to ${emulator.host}, not loopback: anyone who can reach ${emulator.url} can call, without a signature, ${oidc}; ` +
    'every other KMS and STS action needs a request signed with the access key (or STS credentials), and the /_emulator/ endpoints answer loopback clients only.\n'
  );
}
