/**
 * One signed RPC request: the common parameters of Signature V1, the action's own, and the
 * `application/x-www-form-urlencoded` body that carries them all (nothing in the URL, so key IDs stay
 * out of proxy and access logs). Every attempt builds a new one: new nonce, new timestamp.
 */
import { API_VERSION } from './wire/enums.js';
import { compareCodePoints, percentEncode } from './signing/percent-encode.js';
import { SIGNATURE_METHOD_V1, SIGNATURE_VERSION_V1, signV1, stringToSignOfCanonicalV1, stringToSignV1 } from './signing/signature-v1.js';
import type { Credentials } from './credentials.js';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export interface SignedRequestInput {
  action: string;
  /** The action's parameters; undefined values are left out. */
  params: Readonly<Record<string, string | undefined>>;
  credentials: Credentials;
  /** Sent as `RegionId`: the emulator picks the region from it, the service accepts it. STS calls send none. */
  regionId?: string | undefined;
  /** The API version. Default: KMS's (`2016-01-20`); STS calls name theirs. */
  apiVersion?: string | undefined;
  /** The signing time (ms since the epoch). */
  now: number;
  /** A unique `SignatureNonce`, a UUID. */
  nonce: string;
  /** `POST` (default); the signature depends on it. */
  method?: 'POST' | 'GET';
}

/** `yyyy-MM-ddTHH:mm:ssZ` in UTC, no milliseconds: the only form the service accepts. */
export function formatTimestamp(epochMs: number): string {
  // Requests signed within the same second share the text: formatting it once a second spares a Date
  // and a regular expression per request.
  const second = Math.floor(epochMs / 1000);
  if (second !== lastTimestamp.second) {
    lastTimestamp = { second, text: new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }
  return lastTimestamp.text;
}

let lastTimestamp = { second: Number.NaN, text: '' };

/** Every parameter of the request, `Signature` included (last). Holds the token: never log or keep it. */
export function signedParams(input: SignedRequestInput): Record<string, string> {
  const params = unsignedParams(input);
  params.Signature = signV1(stringToSignV1(input.method ?? 'POST', params), input.credentials.accessKeySecret);
  return params;
}

/** The action's parameters, then the common ones (which win over an action parameter of the same name). */
function unsignedParams(input: SignedRequestInput): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.params)) if (value !== undefined) params[name] = value;
  Object.assign(params, {
    Action: input.action,
    Format: 'JSON',
    Version: input.apiVersion ?? API_VERSION,
    AccessKeyId: input.credentials.accessKeyId,
    SignatureMethod: SIGNATURE_METHOD_V1,
    SignatureVersion: SIGNATURE_VERSION_V1,
    SignatureNonce: input.nonce,
    Timestamp: formatTimestamp(input.now),
  });
  if (input.regionId !== undefined) params.RegionId = input.regionId;
  if (input.credentials.securityToken !== undefined) params.SecurityToken = input.credentials.securityToken;
  return params;
}

/** `k=v&k=v` with RFC 3986 encoding (so `+` is `%2B` and space `%20`), which every form decoder reads back exactly. */
export function encodeForm(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
}

/**
 * The body of a signed POST request: `encodeForm(signedParams(input))`, built so that each pair is
 * encoded once and serves both the canonical query that is signed and the body that is sent.
 */
export function signedFormBody(input: SignedRequestInput): string {
  const params = unsignedParams(input);
  const names = Object.keys(params);
  const pairs = new Map<string, string>();
  for (const name of names) pairs.set(name, `${percentEncode(name)}=${percentEncode(params[name] as string)}`);
  const canonical = names
    .filter((name) => name !== 'Signature')
    .sort(compareCodePoints)
    .map((name) => pairs.get(name) as string)
    .join('&');
  const signature = signV1(stringToSignOfCanonicalV1(input.method ?? 'POST', canonical), input.credentials.accessKeySecret);
  // Where encodeForm(signedParams(input)) puts it: last, unless an action parameter already held the name.
  pairs.set('Signature', `Signature=${percentEncode(signature)}`);
  return [...pairs.values()].join('&');
}
