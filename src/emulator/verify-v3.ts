/**
 * Signature V3 (ACS3-HMAC-SHA256), header-based, as the newest official SDKs send it. Parameters
 * travel in the query (signed through the canonical query) and/or a form body (signed through
 * `x-acs-content-sha256`, which must be the body's real hash).
 */
import { SIGNATURE_ALGORITHM_V3, canonicalRequestV3, sha256Hex, signV3, stringToSignV3 } from '../kms/signing/signature-v3.js';
import { KmsServiceError, missingParameter } from './errors.js';
import type { ParsedRequest } from './request-parser.js';
import { signaturesEqual, type SignatureClaim } from './signature-claim.js';

/** True when the request carries a V3 Authorization header (a V1 request never does). */
export function isV3Request(request: ParsedRequest): boolean {
  return (request.headers['authorization'] ?? '').trimStart().startsWith(SIGNATURE_ALGORITHM_V3);
}

interface ParsedAuthorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b,Signature=hex`, or IncompleteSignature. */
export function parseAuthorization(header: string): ParsedAuthorization {
  const rest = header.trim().slice(SIGNATURE_ALGORITHM_V3.length).trim();
  const fields = new Map<string, string>();
  for (const part of rest.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) {
    throw new KmsServiceError('IncompleteSignature', 'The Authorization header needs Credential, SignedHeaders and Signature.');
  }
  return { accessKeyId, signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()), signature };
}

export function readV3Claim(request: ParsedRequest): SignatureClaim {
  const auth = parseAuthorization(request.headers['authorization'] ?? '');
  const header = (name: string): string => {
    const value = request.headers[name];
    if (value === undefined || value === '') throw missingParameter(name);
    return value;
  };
  const payloadHash = header('x-acs-content-sha256');
  const action = header('x-acs-action');
  const apiVersion = header('x-acs-version');
  const timestamp = header('x-acs-date');
  const nonce = header('x-acs-signature-nonce');
  const mustSign = Object.keys(request.headers).filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-'));
  const unsigned = mustSign.filter((h) => !auth.signedHeaders.includes(h));
  if (unsigned.length > 0) {
    throw new KmsServiceError('IncompleteSignature', `The headers ${unsigned.join(', ')} must be listed in SignedHeaders.`);
  }
  const paramAction = request.params['Action'];
  if (paramAction !== undefined && paramAction !== action) {
    throw new KmsServiceError('InvalidParameter', `The Action parameter "${paramAction}" contradicts the x-acs-action header "${action}".`);
  }
  return {
    version: 'v3',
    accessKeyId: auth.accessKeyId,
    timestamp,
    timestampName: 'x-acs-date',
    nonce,
    securityToken: request.headers['x-acs-security-token'] || undefined,
    action,
    apiVersion,
    verify(accessKeySecret) {
      const canonical = canonicalRequestV3({
        method: request.method,
        uri: request.path,
        query: request.query,
        headers: request.headers,
        signedHeaders: auth.signedHeaders,
        payloadHash,
      });
      const stringToSign = stringToSignV3(canonical);
      const bodyMatches = payloadHash.toLowerCase() === sha256Hex(request.body);
      const signatureMatches = signaturesEqual(signV3(stringToSign, accessKeySecret), auth.signature.toLowerCase());
      return { matches: bodyMatches && signatureMatches, stringToSign };
    },
  };
}
