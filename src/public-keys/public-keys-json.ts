/**
 * The document `kmsctl public-keys --json` writes (schemas/public-keys.schema.json): what was exported
 * of each declared key, in config order, with the JWKS itself when the format is `jwks`. The project's
 * JSON convention: snake_case, every field present, `null` for an absent value.
 */
import { JSON_FORMAT_VERSION } from '../render/json-format.js';
import { joseAlgorithmOf, type RsaAlgorithm } from './jose-algorithm.js';
import type { Jwks } from './jwks.js';
import type { PemFile } from './pem-files.js';
import type { ExportProblem, PublicKeySet } from './public-key-set.js';

export type PublicKeysFormat = 'jwks' | 'pem';

export interface PublicKeysOutput {
  format: PublicKeysFormat;
  rsaAlgorithm: RsaAlgorithm;
  /** The JWKS file (`--out`) or the PEM folder (`--out-dir`); undefined when the JWKS went to stdout. */
  destination: string | undefined;
  jwks: Jwks | undefined;
  files: readonly PemFile[];
  problems: readonly ExportProblem[];
}

export function publicKeysToJson(set: PublicKeySet, output: PublicKeysOutput, kmsctlVersion: string): Record<string, unknown> {
  const fileOf = new Map(output.files.map((file) => [`${file.name}\u0000${file.versionId}`, file.path]));
  return {
    format_version: JSON_FORMAT_VERSION,
    kmsctl_version: kmsctlVersion,
    read_at: set.readAt,
    format: output.format,
    destination: output.destination ?? null,
    keys: set.keys.map((key) => {
      const outcome = key.outcome;
      const alg = joseAlgorithmOf(key.keySpec ?? '', output.rsaAlgorithm).alg ?? null;
      return {
        name: key.name,
        account: key.account ?? null,
        region: key.region,
        key_id: key.keyId,
        resolved_key_id: key.resolvedKeyId ?? null,
        key_spec: key.keySpec ?? null,
        status: outcome.status,
        version_count: outcome.status === 'exported' ? outcome.versionCount : null,
        skip_reason: outcome.status === 'skipped' ? outcome.reason : null,
        error: outcome.status === 'error' ? { code: outcome.code, message: outcome.message, request_id: outcome.requestId ?? null } : null,
        versions: (outcome.status === 'exported' ? outcome.versions : []).map((version) => ({
          version_id: version.versionId,
          creation_date: version.creationDate,
          kid: version.versionId,
          alg,
          file: fileOf.get(`${key.name}\u0000${version.versionId}`) ?? null,
        })),
      };
    }),
    problems: output.problems.map((problem) => ({ name: problem.name, code: problem.code, message: problem.message })),
    jwks: output.jwks ?? null,
  };
}
