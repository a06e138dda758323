/**
 * The PEM files of the exported versions: `<key name>/<version ID>.pem` under the output folder, one
 * SubjectPublicKeyInfo each, for verifiers that take PEM (OpenSSL, most TLS and JWT libraries) and for
 * specs with no JOSE form (EC_SM2). Key names are file-safe by the config's rules; a version ID comes
 * from the service, so one that could not name a file safely is reported instead of written.
 */
import { VERSION_ID_PATTERN } from '../config/version-ids.js';
import type { ExportProblem, PublicKeySet } from './public-key-set.js';
import { PUBLIC_KEYS_CODES } from './public-keys-codes.js';

export interface PemFile {
  /** The key's logical name: its folder. */
  name: string;
  versionId: string;
  /** Relative to the output folder, `/`-separated. */
  path: string;
  text: string;
}

export function pemFiles(set: PublicKeySet): { files: PemFile[]; problems: ExportProblem[] } {
  const files: PemFile[] = [];
  const problems: ExportProblem[] = [];
  const safeId = new RegExp(VERSION_ID_PATTERN, 'u');
  for (const key of set.keys) {
    if (key.outcome.status !== 'exported') continue;
    for (const version of key.outcome.versions) {
      if (!safeId.test(version.versionId)) {
        problems.push({ name: key.name, code: PUBLIC_KEYS_CODES.unsafeFileName, message: `${key.name}: the version ID ${JSON.stringify(version.versionId)} cannot name a file` });
        continue;
      }
      const text = version.publicKeyPem.endsWith('\n') ? version.publicKeyPem : `${version.publicKeyPem}\n`;
      files.push({ name: key.name, versionId: version.versionId, path: `${key.name}/${version.versionId}.pem`, text });
    }
  }
  return { files, problems };
}
