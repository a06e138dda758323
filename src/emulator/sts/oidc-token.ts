/**
 * Checks the OIDC token of AssumeRoleWithOIDC. The emulator has no identity provider to verify a
 * signature against, so it accepts any token shaped like a JWT (three base64url parts, the first two
 * JSON objects, `exp` not passed) or, when one is configured, exactly the configured token.
 * Messages never quote the token.
 */
import { KmsServiceError } from '../errors.js';
import { signaturesEqual } from '../signature-claim.js';

export interface OidcClaims {
  issuer: string;
  subject: string;
  audience: string;
}

/** Checks the token (surrounding white space, as a token file's final newline, is ignored) and returns its claims. */
export function checkOidcToken(token: string, options: { expected?: string | undefined; nowMs: number }): OidcClaims {
  const text = token.trim();
  if (options.expected !== undefined && !signaturesEqual(options.expected.trim(), text)) {
    throw new KmsServiceError('AuthenticationFail.OIDCToken.Invalid', 'The OIDC token does not match the token this emulator was configured to accept.');
  }
  const parts = text.split('.');
  if (parts.length !== 3 || parts.some((part, index) => !/^[A-Za-z0-9_-]*$/.test(part) || (index < 2 && part === ''))) {
    throw new KmsServiceError('AuthenticationFail.OIDCToken.Invalid', 'The OIDC token is not a JWT: expected three base64url parts separated by dots.');
  }
  const header = decodePart(parts[0] ?? '', 'header');
  const payload = decodePart(parts[1] ?? '', 'payload');
  if (typeof header['alg'] !== 'string') throw new KmsServiceError('AuthenticationFail.OIDCToken.Invalid', 'The OIDC token header has no "alg".');
  const exp = payload['exp'];
  if (exp !== undefined && (typeof exp !== 'number' || exp * 1000 <= options.nowMs)) {
    throw new KmsServiceError('AuthenticationFail.OIDCToken.Expired', `The OIDC token has expired (exp ${String(exp)}).`);
  }
  const audience = Array.isArray(payload['aud']) ? payload['aud'].map(String).join(',') : String(payload['aud'] ?? '');
  return { issuer: String(payload['iss'] ?? ''), subject: String(payload['sub'] ?? ''), audience };
}

function decodePart(part: string, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KmsServiceError('AuthenticationFail.OIDCToken.Invalid', `The OIDC token ${name} is not a base64url-encoded JSON object.`);
  }
  return value as Record<string, unknown>;
}
