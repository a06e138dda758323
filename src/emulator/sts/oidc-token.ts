/**
 * Checks the OIDC token of AssumeRoleWithOIDC against what the emulator was told to trust, as STS checks
 * it against a registered OIDC provider: the issuer's public keys (an RS256 or ES256 signature by one of
 * them, checked with node:crypto), or one token accepted as it is (a token file's content, compared in
 * constant time). With neither, no OIDC provider is registered and every token is refused. Whatever is
 * trusted, the token must be a JWT whose header names RS256 or ES256 (never `none`, never an HMAC) and
 * whose `exp` has not passed. Codes and statuses are STS's (api-sts-2015-04-01-errorcodes); messages
 * never quote the token.
 */
import { verify } from 'node:crypto';
import { KmsServiceError, quoted } from '../errors.js';
import { signaturesEqual } from '../signature-claim.js';
import { OIDC_ALGORITHMS, type OidcAlgorithm, type OidcIssuerKey } from './oidc-issuer-keys.js';

/** What AssumeRoleWithOIDC trusts; both may be set, and a token passes with either. */
export interface OidcTrust {
  /** The issuer's public keys (`--oidc-issuer-key`). */
  issuerKeys?: readonly OidcIssuerKey[] | undefined;
  /** The one token accepted as it is (`--oidc-token-file`). */
  token?: string | undefined;
}

export interface OidcClaims {
  issuer: string;
  subject: string;
  audience: string;
}

/** STS's limit on the token's length; it also bounds the work one request can ask for. */
export const MAX_OIDC_TOKEN_LENGTH = 20_000;

/** Whether anything is trusted at all: without it, AssumeRoleWithOIDC is refused before the token is read. */
export function trustsAnyIssuer(trust: OidcTrust): boolean {
  return (trust.issuerKeys?.length ?? 0) > 0 || (trust.token ?? '').trim() !== '';
}

/** Checks the token (surrounding white space, as a token file's final newline, is ignored) and returns its claims. */
export function checkOidcToken(token: string, trust: OidcTrust, nowMs: number): OidcClaims {
  if (!trustsAnyIssuer(trust)) {
    throw new KmsServiceError('AuthenticationFail.NoPermission', 'No such OIDC Provider registered: start the emulator with --oidc-issuer-key or --oidc-token-file to accept OIDC tokens.');
  }
  const text = token.trim();
  if (text.length < 4 || text.length > MAX_OIDC_TOKEN_LENGTH) {
    throw invalid(`The OIDC token must be 4 to ${MAX_OIDC_TOKEN_LENGTH} characters long; it has ${text.length}.`);
  }
  const parts = text.split('.');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
    throw invalid('The OIDC token is not a signed JWT: expected three non-empty base64url parts separated by dots.');
  }
  const header = decodePart(headerPart, 'header');
  const payload = decodePart(payloadPart, 'payload');
  const algorithm = header['alg'];
  if (!isAcceptedAlgorithm(algorithm)) {
    throw invalid(`The algorithm ${quoted(algorithm)} in the OIDC token header is not accepted; tokens must be signed with ${OIDC_ALGORITHMS.join(' or ')}.`);
  }
  const accepted = trust.token !== undefined && signaturesEqual(trust.token.trim(), text);
  if (!accepted) {
    if ((trust.issuerKeys?.length ?? 0) === 0) throw invalid('The OIDC token does not match the token this emulator was configured to accept.');
    const kid = typeof header['kid'] === 'string' ? header['kid'] : undefined;
    if (!signedByIssuer(`${headerPart}.${payloadPart}`, Buffer.from(signaturePart, 'base64url'), algorithm, kid, trust.issuerKeys ?? [])) {
      throw new KmsServiceError('AuthenticationFail.OIDCToken.InvalidSignature', 'OIDC token validate failed: invalid signature (no configured issuer key verifies it).');
    }
  }
  checkTimes(payload, nowMs);
  const audience = Array.isArray(payload['aud']) ? payload['aud'].map(String).join(',') : String(payload['aud'] ?? '');
  return { issuer: String(payload['iss'] ?? ''), subject: String(payload['sub'] ?? ''), audience };
}

function isAcceptedAlgorithm(value: unknown): value is OidcAlgorithm {
  return (OIDC_ALGORITHMS as readonly unknown[]).includes(value);
}

/**
 * Whether a key of the token's algorithm (and `kid`, when both name one) verifies the signature. ES256
 * signatures are the raw 64-byte r||s of JWS, not DER.
 */
function signedByIssuer(signingInput: string, signature: Buffer, algorithm: OidcAlgorithm, kid: string | undefined, keys: readonly OidcIssuerKey[]): boolean {
  if (algorithm === 'ES256' && signature.length !== 64) return false;
  const data = Buffer.from(signingInput, 'ascii');
  return keys.some(
    (candidate) =>
      candidate.algorithm === algorithm &&
      (kid === undefined || candidate.kid === undefined || candidate.kid === kid) &&
      verify('sha256', data, algorithm === 'ES256' ? { key: candidate.key, dsaEncoding: 'ieee-p1363' } : candidate.key, signature),
  );
}

/** `exp` is required and must be ahead; `nbf`, when present, must have come. */
function checkTimes(payload: Record<string, unknown>, nowMs: number): void {
  const exp = payload['exp'];
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw invalid('The OIDC token has no numeric "exp" claim.');
  if (exp * 1000 <= nowMs) throw new KmsServiceError('AuthenticationFail.OIDCToken.Expired', `This JsonWebToken is expired (exp ${exp}).`);
  const nbf = payload['nbf'];
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf * 1000 > nowMs)) throw invalid('The OIDC token is not valid yet ("nbf" is ahead, or not a number).');
}

function decodePart(part: string, name: string): Record<string, unknown> {
  const text = Buffer.from(part, 'base64url').toString('utf8');
  const value: unknown = parseJson(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`The OIDC token ${name} is not a base64url-encoded JSON object.`);
  return value as Record<string, unknown>;
}

/** JSON.parse's throw means "not JSON" here, which the caller reports. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function invalid(message: string): KmsServiceError {
  return new KmsServiceError('AuthenticationFail.OIDCToken.Invalid', message);
}
