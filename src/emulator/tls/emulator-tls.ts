/**
 * The emulator's `--tls` set-up: a fresh self-signed certificate for the bound host and the loopback
 * names, written (certificate only, never the key) where clients can trust it with
 * `NODE_EXTRA_CA_CERTS`: the given path, else next to the state file, else a temporary directory that
 * is removed when the emulator stops.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createSelfSignedCertificate } from './self-signed-cert.js';

export interface EmulatorTls {
  key: string;
  cert: string;
  /** The absolute path of the written certificate. */
  certPath: string;
  /** Removes what only the emulator used (the temporary directory); a chosen path is left in place. */
  cleanup(): void;
}

export function prepareTls(input: { host: string; certOut?: string | undefined; statePath?: string | undefined }): EmulatorTls {
  const certificate = createSelfSignedCertificate({ extraHosts: [input.host] });
  let certPath: string;
  let temporaryDir: string | undefined;
  if (input.certOut !== undefined) certPath = resolve(input.certOut);
  else if (input.statePath !== undefined) certPath = `${resolve(input.statePath)}.cert.pem`;
  else {
    temporaryDir = mkdtempSync(join(tmpdir(), 'kms-emulator-tls-'));
    certPath = join(temporaryDir, 'cert.pem');
  }
  try {
    writeFileSync(certPath, certificate.certPem, { mode: 0o644 });
  } catch (error) {
    if (temporaryDir !== undefined) rmSync(temporaryDir, { recursive: true, force: true });
    throw new TlsCertificateError(certPath, (error as Error).message);
  }
  return {
    key: certificate.keyPem,
    cert: certificate.certPem,
    certPath,
    cleanup: () => {
      if (temporaryDir !== undefined) rmSync(temporaryDir, { recursive: true, force: true });
    },
  };
}

/** The certificate file could not be written (a user mistake in `--tls-cert-out`, or a read-only directory). */
export class TlsCertificateError extends Error {
  override readonly name = 'TlsCertificateError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot write the TLS certificate to ${path}: ${reason}`);
  }
}
