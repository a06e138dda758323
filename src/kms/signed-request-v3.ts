/**
 * One V3-signed (ACS3-HMAC-SHA256) RPC request, as the current official SDKs sign it: the action and
 * API version in `x-acs-action` / `x-acs-version`, the time and nonce in `x-acs-date` /
 * `x-acs-signature-nonce`, the body's SHA-256 in `x-acs-content-sha256`, and the `Authorization` header
 * over host, content-type and every `x-acs-*` header. The action's parameters travel in an
 * `application/x-www-form-urlencoded` body, which the signature covers through its hash, so nothing is
 * in the URL and key IDs stay out of proxy and access logs (as with V1).
 */
import { API_VERSION } from './wire/enums.js';
import { encodeForm, FORM_CONTENT_TYPE, formatTimestamp, type SignedRequestInput } from './signed-request.js';
import { authorizationHeaderV3, canonicalRequestV3, headersToSignV3, sha256Hex, signV3, stringToSignV3 } from './signing/signature-v3.js';

/** Where a request goes: both are signed. */
export interface RequestTarget {
  /** The `Host` header the request goes out with (`kms.cn-hangzhou.aliyuncs.com`, `127.0.0.1:8080`). */
  host: string;
  /** The request path, `/` unless the endpoint sits behind a gateway path. */
  path: string;
}

export interface SignedHttpRequest {
  /** Every header to send, the signed ones and `Authorization` included. Holds the token: never log them. */
  headers: Readonly<Record<string, string>>;
  body: string;
}

/** The headers and body of a V3-signed POST. `extraHeaders` (accept, user-agent) are sent, and signed only if they are `x-acs-*`. */
export function signedRequestV3(input: SignedRequestInput, target: RequestTarget, extraHeaders: Readonly<Record<string, string>> = {}): SignedHttpRequest {
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.params)) if (value !== undefined) form[name] = value;
  // RegionId, as V1 sends it: the emulator picks the region from it, the service accepts it.
  if (input.regionId !== undefined) form.RegionId = input.regionId;
  const body = encodeForm(form);
  // Set one by one, not spread into a literal with the extra headers: in Node 20 an object spread and
  // then given properties of its own gets a hidden class of its own, which stays in the old generation
  // (see README, "Memory"); at a request each that is a megabyte every thousand requests.
  const headers: Record<string, string> = Object.assign({}, extraHeaders);
  headers.host = target.host;
  headers['content-type'] = FORM_CONTENT_TYPE;
  headers['x-acs-action'] = input.action;
  headers['x-acs-version'] = input.apiVersion ?? API_VERSION;
  headers['x-acs-date'] = formatTimestamp(input.now);
  headers['x-acs-signature-nonce'] = input.nonce;
  const payloadHash = sha256Hex(body);
  headers['x-acs-content-sha256'] = payloadHash;
  if (input.credentials.securityToken !== undefined) headers['x-acs-security-token'] = input.credentials.securityToken;
  const signedHeaders = headersToSignV3(headers);
  const canonical = canonicalRequestV3({ method: input.method ?? 'POST', uri: target.path, query: {}, headers, signedHeaders, payloadHash });
  const signature = signV3(stringToSignV3(canonical), input.credentials.accessKeySecret);
  headers.authorization = authorizationHeaderV3(input.credentials.accessKeyId, signedHeaders, signature);
  return { headers, body };
}
