/**
 * The codes `kmsctl public-keys` reports of its own, defined once; a key the service could not read keeps
 * the client's code (`Forbidden.KeyNotFound`, `transport.connect`, ...). Tests and tooling match on them.
 */
export const PUBLIC_KEYS_CODES = {
  /** The key's spec has no JOSE algorithm (EC_SM2): not in a JWKS; `--format pem` exports it. */
  noJoseAlgorithm: 'public-keys.no-jose-algorithm',
  /** A version ID the service gave cannot name a file safely: that version's PEM file is not written. */
  unsafeFileName: 'public-keys.unsafe-file-name',
  /** The JWKS or a PEM file could not be written. */
  unwritable: 'public-keys.unwritable',
} as const;
