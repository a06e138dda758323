/**
 * Authenticates an API request the way the service does, in this order: the signature is present and
 * well formed; the timestamp is within 15 minutes of the host's real clock; the access key exists;
 * the signature matches; the security token fits the credential; the nonce is fresh. The nonce is
 * recorded only after the signature matched, so forged requests cannot burn a client's nonces.
 */
import { KmsServiceError } from './errors.js';
import type { Credential, CredentialStore } from './credential-store.js';
import { TIMESTAMP_TOLERANCE_MS, type NonceCache } from './nonce-cache.js';
import type { ParsedRequest } from './request-parser.js';
import { parseSignedTimestamp, signaturesEqual, type SignatureClaim } from './signature-claim.js';
import { readV1Claim } from './verify-v1.js';
import { isV3Request, readV3Claim } from './verify-v3.js';

export interface AuthDependencies {
  credentials: CredentialStore;
  nonces: NonceCache;
  /** The host's real clock (never the emulator clock). */
  realNow: () => number;
}

/** A request that passed: what it claims, and the credential that signed it (which says the account). */
export interface Authenticated {
  claim: SignatureClaim;
  credential: Credential;
}

export function authenticate(request: ParsedRequest, deps: AuthDependencies): Authenticated {
  const claim = isV3Request(request) ? readV3Claim(request) : readV1Claim(request);

  const timestampMs = parseSignedTimestamp(claim.timestamp);
  if (timestampMs === undefined) {
    throw new KmsServiceError('IllegalTimestamp', `The ${claim.timestampName} "${claim.timestamp}" is not in the form yyyy-MM-ddTHH:mm:ssZ (UTC).`);
  }
  const now = deps.realNow();
  if (Math.abs(now - timestampMs) > TIMESTAMP_TOLERANCE_MS) {
    throw new KmsServiceError(
      'IllegalTimestamp',
      `The ${claim.timestampName} "${claim.timestamp}" is more than 15 minutes away from the server time ${new Date(now).toISOString()}.`,
    );
  }

  const credential = deps.credentials.lookup(claim.accessKeyId);
  if (credential === undefined) {
    throw new KmsServiceError('InvalidAccessKeyId.NotFound', `Specified access key is not found: ${claim.accessKeyId}`);
  }

  const { matches, stringToSign } = claim.verify(credential.accessKeySecret);
  if (!matches) {
    throw new KmsServiceError(
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    );
  }

  checkSecurityToken(claim.securityToken, credential.securityToken, credential.expiresAtMs, now);

  if (deps.nonces.has(claim.accessKeyId, claim.nonce)) {
    throw new KmsServiceError('SignatureNonceUsed', `Specified signature nonce was used already: ${claim.nonce}`);
  }
  deps.nonces.remember(claim.accessKeyId, claim.nonce, timestampMs);
  return { claim, credential };
}

/** Long-term keys take no token; temporary ones need exactly theirs, before it expires. */
function checkSecurityToken(sent: string | undefined, expected: string | undefined, expiresAtMs: number | undefined, now: number): void {
  if (expected === undefined) {
    if (sent !== undefined) throw new KmsServiceError('InvalidSecurityToken.Malformed', 'A security token was sent with a long-term access key.');
    return;
  }
  if (sent === undefined || !signaturesEqual(expected, sent)) {
    throw new KmsServiceError('InvalidSecurityToken.Malformed', 'The security token is missing or does not belong to this access key.');
  }
  if (expiresAtMs !== undefined && now >= expiresAtMs) {
    throw new KmsServiceError('InvalidSecurityToken.Expired', 'The security token has expired.');
  }
}
