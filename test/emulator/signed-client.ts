/**
 * A small signed-request helper for the emulator tests, built on the project's signing code (not on
 * the real client): every V1 transport and V3, with knobs to break each part of a signature.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { canonicalQuery, percentEncode } from '../../src/kms/signing/percent-encode.js';
import { signV1, stringToSignV1 } from '../../src/kms/signing/signature-v1.js';
import {
  authorizationHeaderV3,
  canonicalRequestV3,
  headersToSignV3,
  sha256Hex,
  signV3,
  stringToSignV3,
} from '../../src/kms/signing/signature-v3.js';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../src/emulator/index.js';

/** GET; POST with all in the query; POST with all in a form; POST split (common in query, rest in form); V3 in query or form. */
export type Transport = 'get' | 'post-query' | 'post-form' | 'post-split' | 'v3-query' | 'v3-form';
export const V1_TRANSPORTS: Transport[] = ['get', 'post-query', 'post-form', 'post-split'];
export const ALL_TRANSPORTS: Transport[] = [...V1_TRANSPORTS, 'v3-query', 'v3-form'];

const COMMON = new Set(['Action', 'Format', 'Version', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'SecurityToken', 'Signature']);

export interface CallOptions {
  transport?: Transport;
  /** JSON (default), XML, or null to send no Format. */
  format?: 'JSON' | 'json' | 'XML' | null;
  accessKeyId?: string;
  accessKeySecret?: string;
  nonce?: string;
  timestamp?: string;
  version?: string;
  /** Extra headers (e.g. host), sent and, for V3, signed. */
  headers?: Record<string, string>;
  /** Mutates the final parameters after signing (V1) to test tampering. */
  tamper?: (params: Record<string, string>) => void;
  omitSignature?: boolean;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // Tests read arbitrary response fields; `any` keeps them short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export function timestampNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function encodeParams(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
}

export class TestKms {
  constructor(
    readonly url: string,
    readonly defaults: CallOptions = {},
  ) {}

  async call(action: string, params: Record<string, string> = {}, options: CallOptions = {}): Promise<ApiResponse> {
    const o = { ...this.defaults, ...options };
    const transport = o.transport ?? 'get';
    const format = o.format === undefined ? 'JSON' : o.format;
    return transport.startsWith('v3') ? this.callV3(action, params, o, format) : this.callV1(action, params, o, transport, format);
  }

  /** Calls and expects success: returns the JSON body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async ok(action: string, params: Record<string, string> = {}, options: CallOptions = {}): Promise<any> {
    const response = await this.call(action, params, options);
    if (response.status !== 200) throw new Error(`${action} failed: HTTP ${response.status} ${response.text}`);
    return response.body;
  }

  private async callV1(action: string, params: Record<string, string>, o: CallOptions, transport: Transport, format: string | null): Promise<ApiResponse> {
    const all: Record<string, string> = {
      Action: action,
      Version: o.version ?? '2016-01-20',
      AccessKeyId: o.accessKeyId ?? DEMO_ACCESS_KEY_ID,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: o.nonce ?? randomUUID(),
      Timestamp: o.timestamp ?? timestampNow(),
      ...(format === null ? {} : { Format: format }),
      ...params,
    };
    const method = transport === 'get' ? 'GET' : 'POST';
    if (!o.omitSignature) all['Signature'] = signV1(stringToSignV1(method, all), o.accessKeySecret ?? DEMO_ACCESS_KEY_SECRET);
    o.tamper?.(all);
    let query: Record<string, string> = all;
    let form: Record<string, string> | undefined;
    if (transport === 'post-form') {
      query = {};
      form = all;
    } else if (transport === 'post-split') {
      query = Object.fromEntries(Object.entries(all).filter(([k]) => COMMON.has(k)));
      form = Object.fromEntries(Object.entries(all).filter(([k]) => !COMMON.has(k)));
    }
    const body = form === undefined ? undefined : encodeParams(form);
    const headers: Record<string, string> = { ...o.headers };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    return send(this.url, method, `/?${encodeParams(query)}`, headers, body);
  }

  private async callV3(action: string, params: Record<string, string>, o: CallOptions, format: string | null): Promise<ApiResponse> {
    const all: Record<string, string> = { ...(format === null ? {} : { Format: format }), ...params };
    const inForm = o.transport === 'v3-form';
    const query = inForm ? {} : all;
    const body = inForm ? encodeParams(all) : '';
    const host = o.headers?.['host'] ?? new URL(this.url).host;
    const headers: Record<string, string> = {
      host,
      'x-acs-action': action,
      'x-acs-version': o.version ?? '2016-01-20',
      'x-acs-date': o.timestamp ?? timestampNow(),
      'x-acs-signature-nonce': o.nonce ?? randomUUID(),
      'x-acs-content-sha256': sha256Hex(body),
      ...o.headers,
      ...(inForm ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    };
    const signed = headersToSignV3(headers);
    const canonical = canonicalRequestV3({ method: 'POST', uri: '/', query, headers, signedHeaders: signed, payloadHash: headers['x-acs-content-sha256'] ?? '' });
    const signature = signV3(stringToSignV3(canonical), o.accessKeySecret ?? DEMO_ACCESS_KEY_SECRET);
    if (!o.omitSignature) headers['authorization'] = authorizationHeaderV3(o.accessKeyId ?? DEMO_ACCESS_KEY_ID, signed, signature);
    const search = canonicalQuery(query);
    return send(this.url, 'POST', search === '' ? '/' : `/?${search}`, headers, inForm ? body : undefined);
  }
}

/** A raw HTTP exchange with node:http, so tests control every header (Host included) and byte. */
export function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<ApiResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = undefined;
        if ((res.headers['content-type'] ?? '').includes('json')) parsed = JSON.parse(text);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
