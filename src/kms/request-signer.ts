/**
 * Which signature a request carries: V3 (ACS3-HMAC-SHA256) by default, as the current official SDKs
 * send it, or HMAC-SHA1 (`v1`; Alibaba's newer pages call it "V2" and mark it discontinued for new
 * integrations) for gateways and proxies that only know the older scheme. The one place that chooses.
 */
import { KmsConfigError } from './errors.js';
import { FORM_CONTENT_TYPE, signedFormBody, type SignedRequestInput } from './signed-request.js';
import { signedRequestV3, type RequestTarget, type SignedHttpRequest } from './signed-request-v3.js';

export const SIGNATURE_VERSIONS = ['v3', 'v1'] as const;
export type SignatureVersion = (typeof SIGNATURE_VERSIONS)[number];
export const DEFAULT_SIGNATURE_VERSION: SignatureVersion = 'v3';

export type { RequestTarget, SignedHttpRequest };

/** The option's value checked: `v3` when unset; anything else but `v1` is a `KmsConfigError` quoting it. */
export function resolveSignatureVersion(value: string | undefined): SignatureVersion {
  if (value === undefined) return DEFAULT_SIGNATURE_VERSION;
  if ((SIGNATURE_VERSIONS as readonly string[]).includes(value)) return value as SignatureVersion;
  throw new KmsConfigError('options.invalid', `signatureVersion must be "v3" or "v1", got ${JSON.stringify(value)}`);
}

/**
 * Signs one attempt. `baseHeaders` (content-type, accept, user-agent) go out with either version; V1
 * puts everything else in the form body and sends them as they are (one shared object, no copy per
 * request), V3 adds its own headers to a copy.
 */
export function signRequest(version: SignatureVersion, input: SignedRequestInput, target: RequestTarget, baseHeaders: Readonly<Record<string, string>>): SignedHttpRequest {
  if (version === 'v3') return signedRequestV3(input, target, baseHeaders);
  return { headers: baseHeaders, body: signedFormBody(input) };
}

/** The headers every request of a caller sends, whichever signature it carries. */
export function baseHeaders(userAgent: string): Readonly<Record<string, string>> {
  return Object.freeze({ 'content-type': FORM_CONTENT_TYPE, accept: 'application/json', 'user-agent': userAgent });
}
