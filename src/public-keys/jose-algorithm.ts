/**
 * The JOSE `alg` a verifier uses for a key, from its KMS spec and the algorithm signers pass to
 * AsymmetricSign: RSA_PSS_SHA_256 is PS256 and RSA_PKCS1_SHA_256 RS256 (RFC 7518 3.3, 3.5), ECDSA_SHA_256
 * is ES256 on P-256 (RFC 7518 3.4) and ES256K on secp256k1 (RFC 8812 3.2). SM2DSA has no registered JOSE
 * algorithm, so an EC_SM2 key has no JWK form: its public keys are exported as PEM only.
 */
import { isAsymmetricKeySpec, signingAlgorithmsFor } from '../kms/wire/enums.js';

/** The RSA signing algorithms signers may use; which one is the user's choice (`--rsa-algorithm`). */
export const RSA_ALGORITHMS = ['RSA_PSS_SHA_256', 'RSA_PKCS1_SHA_256'] as const;
export type RsaAlgorithm = (typeof RSA_ALGORITHMS)[number];

/** The service's default for RSA keys (the KMS instance API's Sign page). */
export const DEFAULT_RSA_ALGORITHM: RsaAlgorithm = 'RSA_PSS_SHA_256';

export type JoseAlgorithm = { alg: 'PS256' | 'RS256' | 'ES256' | 'ES256K'; kmsAlgorithm: string } | { alg: undefined; why: string };

export function joseAlgorithmOf(keySpec: string, rsaAlgorithm: RsaAlgorithm): JoseAlgorithm {
  if (!isAsymmetricKeySpec(keySpec)) return { alg: undefined, why: `${keySpec} is not an asymmetric key spec` };
  switch (keySpec) {
    case 'RSA_2048':
    case 'RSA_3072':
    case 'RSA_4096':
      return { alg: rsaAlgorithm === 'RSA_PSS_SHA_256' ? 'PS256' : 'RS256', kmsAlgorithm: rsaAlgorithm };
    case 'EC_P256':
      return { alg: 'ES256', kmsAlgorithm: 'ECDSA_SHA_256' };
    case 'EC_P256K':
      return { alg: 'ES256K', kmsAlgorithm: 'ECDSA_SHA_256' };
    case 'EC_SM2':
      return { alg: undefined, why: `${keySpec} signs with ${signingAlgorithmsFor(keySpec).join(', ')}, which has no JOSE algorithm; export it with --format pem` };
  }
}
