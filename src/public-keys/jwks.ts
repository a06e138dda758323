/**
 * A JSON Web Key Set (RFC 7517 5) of the exported versions: one JWK per version, `kid` the version ID
 * (what a signer names in a token's header, and what AsymmetricSign was called with), `use: sig`, `alg`
 * from the key's spec; the keys in config order, each one's versions newest first. A key whose spec has
 * no JOSE form (EC_SM2) is left out and reported as a problem of that key.
 */
import { createPublicKey } from 'node:crypto';
import { joseAlgorithmOf, type RsaAlgorithm } from './jose-algorithm.js';
import type { ExportProblem, PublicKeySet } from './public-key-set.js';
import { PUBLIC_KEYS_CODES } from './public-keys-codes.js';

/** One public JWK: the key type's public parameters (RSA `n`, `e`; EC `crv`, `x`, `y`) and the four fields kmsctl sets. */
export interface PublicJwk {
  kty: string;
  kid: string;
  use: 'sig';
  alg: string;
  [parameter: string]: string;
}

export interface Jwks {
  keys: PublicJwk[];
}

export function toJwks(set: PublicKeySet, rsaAlgorithm: RsaAlgorithm): { jwks: Jwks; problems: ExportProblem[] } {
  const keys: PublicJwk[] = [];
  const problems: ExportProblem[] = [];
  for (const key of set.keys) {
    if (key.outcome.status !== 'exported' || key.outcome.versions.length === 0) continue;
    const jose = joseAlgorithmOf(key.keySpec ?? '', rsaAlgorithm);
    if (jose.alg === undefined) {
      problems.push({ name: key.name, code: PUBLIC_KEYS_CODES.noJoseAlgorithm, message: `${key.name}: ${jose.why}` });
      continue;
    }
    for (const version of key.outcome.versions) keys.push(publicJwk(version.publicKeyPem, version.versionId, jose.alg));
  }
  return { jwks: { keys }, problems };
}

/** The JWK of a PEM public key, with kmsctl's fields first, as people read a JWKS. */
function publicJwk(pem: string, kid: string, alg: string): PublicJwk {
  const parameters = createPublicKey(pem).export({ format: 'jwk' });
  const { kty = '', ...rest } = Object.fromEntries(Object.entries(parameters).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return { kty, kid, use: 'sig', alg, ...rest };
}
