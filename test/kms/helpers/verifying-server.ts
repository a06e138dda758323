/**
 * A real HTTP server on 127.0.0.1, port 0, that checks every request's signature with the official
 * SDKs' own signers, independent of kmsctl's code: V3 (ACS3-HMAC-SHA256) with `@alicloud/openapi-util`
 * `getAuthorization`, V1 (HMAC-SHA1) with `@alicloud/rpc-util` `getSignatureV1`; and the transport
 * rules (POST, form body, nothing in the URL). It answers from scripted behaviours or canned JSON per
 * action. Recorded parameters hold the V3 headers under their V1 names (Action, AccessKeyId,
 * SignatureNonce, Timestamp, SecurityToken), so tests read either version alike.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import openApiUtil from '@alicloud/openapi-util';
import rpcUtil from '@alicloud/rpc-util';

type Signer = (query: Record<string, string>, method: string, secret: string) => string;

/** The SDK's signer, whichever way the CJS module's default export reaches us (vitest or plain Node). */
const getSignatureV1: Signer = (() => {
  const mod = rpcUtil as unknown as { getSignatureV1?: Signer; default?: { getSignatureV1?: Signer } };
  const signer = mod.getSignatureV1 ?? mod.default?.getSignatureV1;
  if (!signer) throw new Error('@alicloud/rpc-util has no getSignatureV1');
  return signer.bind(mod.getSignatureV1 ? mod : mod.default);
})();

type Authorizer = (request: { pathname: string; method: string; query: Record<string, string>; headers: Record<string, string> }, algorithm: string, payloadHash: string, accessKeyId: string, secret: string) => string;

/** The V3 signer of the official SDK core (`@alicloud/openapi-util`), whichever way its default export reaches us. */
export const getAuthorization: Authorizer = (() => {
  const mod = openApiUtil as unknown as { getAuthorization?: Authorizer; default?: { getAuthorization?: Authorizer } };
  const cls = mod.getAuthorization ? mod : mod.default;
  if (!cls?.getAuthorization) throw new Error('@alicloud/openapi-util has no getAuthorization');
  return cls.getAuthorization.bind(cls);
})();

export type Behaviour =
  /** Answer with this status and JSON body. */
  | { status: number; json: unknown }
  /** Answer with this status and raw body. */
  | { status: number; body: string; contentType?: string }
  /** Destroy the socket after reading the request: a connection reset. */
  | { reset: true }
  /** Never answer. */
  | { hang: true }
  /** Send the status line, headers and part of the body, then stall. */
  | { stall: true };

export interface RecordedRequest {
  action: string;
  signatureVersion: 'v1' | 'v3';
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  url: string;
  method: string;
}

export interface VerifyingServerOptions {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** Canned answers per action, used when no scripted behaviour is queued. */
  handlers?: Record<string, (params: Record<string, string>) => Behaviour>;
}

export interface VerifyingServer {
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Why requests were refused (signature or transport rule); a passing test expects none. */
  rejections: string[];
  /** Queues behaviours for the next requests of an action, before its canned handler. */
  script(action: string, ...behaviours: Behaviour[]): void;
  /** Requests of one action. */
  count(action: string): number;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startVerifyingServer(options: VerifyingServerOptions): Promise<VerifyingServer> {
  const requests: RecordedRequest[] = [];
  const rejections: string[] = [];
  const queues = new Map<string, Behaviour[]>();
  const nonces = new Set<string>();
  const sockets = new Set<Socket>();
  let accepted = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      const params = Object.fromEntries(new URLSearchParams(body));
      const v3 = typeof req.headers.authorization === 'string';
      if (v3) Object.assign(params, v1Names(req.headers));
      const action = params.Action ?? '';
      requests.push({ action, signatureVersion: v3 ? 'v3' : 'v1', params, headers: req.headers, url: req.url ?? '', method: req.method ?? '' });
      const problem = v3 ? verifyV3(req, raw, params) : verify(req, params);
      if (problem) {
        rejections.push(`${action}: ${problem.reason}`);
        return reply(res, { status: 400, json: { RequestId: 'rej', HostId: 'kms.test', Code: problem.code, Message: problem.reason } });
      }
      const queued = queues.get(action)?.shift();
      const behaviour = queued ?? options.handlers?.[action]?.(params) ?? { status: 400, json: { RequestId: 'x', Code: 'InvalidAction.NotFound', Message: `no canned answer for ${action}` } };
      if ('reset' in behaviour) return req.socket.destroy();
      if ('hang' in behaviour) return;
      if ('stall' in behaviour) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"RequestId":"');
        return;
      }
      reply(res, behaviour);
    });
  });
  server.on('connection', (socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  /** The transport rules, then the common parts every signed request carries, whichever version signed it. */
  function verifyCommon(req: IncomingMessage, params: Record<string, string>): { code: string; reason: string } | undefined {
    if (req.method !== 'POST') return { code: 'InvalidParameter', reason: `method ${req.method}` };
    if (req.url !== '/') return { code: 'InvalidParameter', reason: `parameters or path in the URL: ${req.url}` };
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return { code: 'InvalidParameter', reason: `content-type ${req.headers['content-type']}` };
    if (!/^kmsctl\/\S+ Node\.js\/v\d+\.\d+\.\d+ \(\w+; \w+\)$/.test(req.headers['user-agent'] ?? '')) return { code: 'InvalidParameter', reason: `user-agent ${req.headers['user-agent']}` };
    if (params.AccessKeyId !== options.accessKeyId) return { code: 'InvalidAccessKeyId.NotFound', reason: `AccessKeyId=${params.AccessKeyId}` };
    // STS calls (2015-04-01) name no region.
    if (!params.RegionId && !isSts(req, params)) return { code: 'MissingParameter', reason: 'RegionId missing' };
    if (params.RegionId && isSts(req, params)) return { code: 'InvalidParameter', reason: 'RegionId sent to STS' };
    if (!TIMESTAMP.test(params.Timestamp ?? '') || Math.abs(Date.parse(params.Timestamp ?? '') - Date.now()) > 15 * 60_000) return { code: 'IllegalTimestamp', reason: `Timestamp ${params.Timestamp}` };
    const nonce = params.SignatureNonce ?? '';
    if (!UUID.test(nonce)) return { code: 'InvalidParameter', reason: `SignatureNonce ${nonce}` };
    if (nonces.has(nonce)) return { code: 'SignatureNonceUsed', reason: `nonce replayed ${nonce}` };
    nonces.add(nonce);
    if (options.securityToken !== undefined && params.SecurityToken !== options.securityToken) return { code: 'InvalidSecurityToken.Malformed', reason: 'SecurityToken' };
    if (options.securityToken === undefined && 'SecurityToken' in params) return { code: 'InvalidParameter', reason: 'unexpected SecurityToken' };
    return undefined;
  }

  /** V3: the official `getAuthorization` over the request as received, with the body's real hash. */
  function verifyV3(req: IncomingMessage, raw: Buffer, params: Record<string, string>): { code: string; reason: string } | undefined {
    const common = verifyCommon(req, params);
    if (common) return common;
    if (req.headers['x-acs-version'] !== '2016-01-20' && req.headers['x-acs-version'] !== '2015-04-01') return { code: 'InvalidParameter', reason: `x-acs-version ${req.headers['x-acs-version']}` };
    const payloadHash = createHash('sha256').update(raw).digest('hex');
    if (req.headers['x-acs-content-sha256'] !== payloadHash) return { code: 'SignatureDoesNotMatch', reason: 'x-acs-content-sha256 is not the hash of the body' };
    const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const expected = getAuthorization({ pathname: '/', method: 'POST', query: {}, headers }, 'ACS3-HMAC-SHA256', payloadHash, options.accessKeyId, options.accessKeySecret);
    if (expected !== req.headers.authorization) return { code: 'SignatureDoesNotMatch', reason: `Specified signature is not matched with our calculation. Authorization ${req.headers.authorization}` };
    return undefined;
  }

  function verify(req: IncomingMessage, params: Record<string, string>): { code: string; reason: string } | undefined {
    if (req.method !== 'POST') return { code: 'InvalidParameter', reason: `method ${req.method}` };
    if (req.url !== '/') return { code: 'InvalidParameter', reason: `parameters or path in the URL: ${req.url}` };
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return { code: 'InvalidParameter', reason: `content-type ${req.headers['content-type']}` };
    if (!/^kmsctl\/\S+ Node\.js\/v\d+\.\d+\.\d+ \(\w+; \w+\)$/.test(req.headers['user-agent'] ?? '')) return { code: 'InvalidParameter', reason: `user-agent ${req.headers['user-agent']}` };
    const expected: Record<string, string> = { Format: 'JSON', Version: isSts(req, params) ? '2015-04-01' : '2016-01-20', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', AccessKeyId: options.accessKeyId };
    for (const [name, value] of Object.entries(expected)) {
      if (params[name] !== value) return { code: name === 'AccessKeyId' ? 'InvalidAccessKeyId.NotFound' : 'InvalidParameter', reason: `${name}=${params[name]}` };
    }
    // STS calls (2015-04-01) name no region.
    if (!params.RegionId && !isSts(req, params)) return { code: 'MissingParameter', reason: 'RegionId missing' };
    if (params.RegionId && isSts(req, params)) return { code: 'InvalidParameter', reason: 'RegionId sent to STS' };
    if (!TIMESTAMP.test(params.Timestamp ?? '') || Math.abs(Date.parse(params.Timestamp ?? '') - Date.now()) > 15 * 60_000) return { code: 'IllegalTimestamp', reason: `Timestamp ${params.Timestamp}` };
    const nonce = params.SignatureNonce ?? '';
    if (!UUID.test(nonce)) return { code: 'InvalidParameter', reason: `SignatureNonce ${nonce}` };
    if (nonces.has(nonce)) return { code: 'SignatureNonceUsed', reason: `nonce replayed ${nonce}` };
    nonces.add(nonce);
    if (options.securityToken !== undefined && params.SecurityToken !== options.securityToken) return { code: 'InvalidSecurityToken.Malformed', reason: 'SecurityToken' };
    if (options.securityToken === undefined && 'SecurityToken' in params) return { code: 'InvalidParameter', reason: 'unexpected SecurityToken' };
    const { Signature: signature, ...signed } = params;
    if (!signature) return { code: 'IncompleteSignature', reason: 'no Signature' };
    const computed = getSignatureV1(signed, 'POST', options.accessKeySecret);
    if (computed !== signature) {
      // Like the real service, quote the server's string to sign (which holds the SecurityToken).
      const canonical = Object.keys(signed)
        .sort()
        .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(signed[k] ?? '')}`)
        .join('&');
      return { code: 'SignatureDoesNotMatch', reason: `Specified signature is not matched with our calculation. server string to sign is:POST&%2F&${encodeURIComponent(canonical)}` };
    }
    return undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    rejections,
    script(action, ...behaviours) {
      queues.set(action, [...(queues.get(action) ?? []), ...behaviours]);
    },
    count(action) {
      return requests.filter((r) => r.action === action).length;
    },
    connections() {
      return accepted;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Whether a request is for STS (API version 2015-04-01). */
function isSts(req: IncomingMessage, params: Record<string, string>): boolean {
  return (req.headers['x-acs-version'] ?? params.Version) === '2015-04-01';
}

/** The V3 headers a test reads as V1 parameters. */
function v1Names(headers: IncomingMessage['headers']): Record<string, string> {
  const named: Record<string, string> = {};
  const put = (name: string, value: string | string[] | undefined): void => {
    if (typeof value === 'string') named[name] = value;
  };
  put('Action', headers['x-acs-action']);
  put('Timestamp', headers['x-acs-date']);
  put('SignatureNonce', headers['x-acs-signature-nonce']);
  put('SecurityToken', headers['x-acs-security-token']);
  const credential = /Credential=([^,]+)/.exec(headers.authorization ?? '')?.[1];
  if (credential !== undefined) named.AccessKeyId = credential;
  return named;
}

function reply(res: ServerResponse, behaviour: { status: number; json: unknown } | { status: number; body: string; contentType?: string }): void {
  if ('json' in behaviour) {
    res.writeHead(behaviour.status, { 'content-type': 'application/json;charset=utf-8' });
    res.end(JSON.stringify(behaviour.json));
  } else {
    res.writeHead(behaviour.status, { 'content-type': behaviour.contentType ?? 'text/plain' });
    res.end(behaviour.body);
  }
}
