/**
 * The public keys of the OIDC issuer whose tokens AssumeRoleWithOIDC accepts (`--oidc-issuer-key`):
 * a JWKS document (`{"keys": [...]}`, as an issuer publishes at its `jwks_uri`), a single JWK, or PEM
 * text (public keys or certificates). Only keys that can check RS256 (RSA, at least 2048 bits) or ES256
 * (EC P-256) signatures are kept; symmetric (`oct`) keys are refused, so no token can be checked with
 * a key an attacker might know. A problem is returned as a sentence, never thrown: it is the user's.
 */
import { createPublicKey, type KeyObject, type JsonWebKey } from 'node:crypto';

export type OidcAlgorithm = 'RS256' | 'ES256';
export const OIDC_ALGORITHMS: readonly OidcAlgorithm[] = ['RS256', 'ES256'];

/** RSA keys shorter than this are refused: a token signed with one proves little. */
const MIN_RSA_BITS = 2048;

export interface OidcIssuerKey {
  /** The JWK's `kid`, when it has one: a token naming a `kid` is checked with that key only. */
  kid: string | undefined;
  algorithm: OidcAlgorithm;
  key: KeyObject;
}

export type IssuerKeysResult = { keys: OidcIssuerKey[] } | { problem: string };

/** The usable keys in `text` (JWKS, JWK or PEM), or why there are none. */
export function parseOidcIssuerKeys(text: string): IssuerKeysResult {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'it is empty; give a JWKS document, a JWK or PEM public keys' };
  const keys = trimmed.startsWith('{') ? fromJwks(trimmed) : fromPem(trimmed);
  if ('problem' in keys) return keys;
  if (keys.keys.length === 0) return { problem: 'it holds no RSA (2048 bits or more) or EC P-256 public key for RS256 or ES256 signatures' };
  return keys;
}

function fromJwks(text: string): IssuerKeysResult {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { problem: 'it starts like JSON but is not JSON' };
  }
  const list = isObject(document) && Array.isArray(document['keys']) ? (document['keys'] as unknown[]) : [document];
  const keys: OidcIssuerKey[] = [];
  for (const jwk of list) {
    if (!isObject(jwk)) return { problem: 'a key in it is not a JSON object' };
    if (jwk['kty'] === 'oct') return { problem: 'it holds a symmetric ("oct") key; an issuer key must be a public key' };
    if (jwk['use'] !== undefined && jwk['use'] !== 'sig') continue;
    const key = publicKeyOf(() => createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }));
    const algorithm = key === undefined ? undefined : algorithmOf(key);
    if (key === undefined || algorithm === undefined) continue;
    if (typeof jwk['alg'] === 'string' && jwk['alg'] !== algorithm) continue;
    keys.push({ kid: typeof jwk['kid'] === 'string' ? jwk['kid'] : undefined, algorithm, key });
  }
  return { keys };
}

function fromPem(text: string): IssuerKeysResult {
  const blocks = text.match(/-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g) ?? [];
  if (blocks.length === 0) return { problem: 'it is neither JSON (a JWKS or JWK) nor PEM (-----BEGIN PUBLIC KEY-----)' };
  const keys: OidcIssuerKey[] = [];
  for (const block of blocks) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(block)) return { problem: 'it holds a private key; give the issuer\'s public key only' };
    const key = publicKeyOf(() => createPublicKey(block));
    const algorithm = key === undefined ? undefined : algorithmOf(key);
    if (key !== undefined && algorithm !== undefined) keys.push({ kid: undefined, algorithm, key });
  }
  return { keys };
}

/** The algorithm a key can check, or undefined for a key type or size this emulator does not accept. */
function algorithmOf(key: KeyObject): OidcAlgorithm | undefined {
  if (key.asymmetricKeyType === 'rsa') return (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_RSA_BITS ? 'RS256' : undefined;
  if (key.asymmetricKeyType === 'ec') return key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? 'ES256' : undefined;
  return undefined;
}

/** node:crypto throws for key material it cannot read; here that only means "not a usable key". */
function publicKeyOf(make: () => KeyObject): KeyObject | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
