/**
 * HTTP for the KMS client: undici with keep-alive and one bounded connection pool per origin, the
 * connect / headers / body time-outs, a cap on response size, and network failures sorted into what
 * the caller must know: did anything reach the service (`connect`) or may it have been served.
 */
import { Pool, type Dispatcher } from 'undici';
import { subscribeAbort, type AbortSubscriber } from './abort-listeners.js';
import { KmsConfigError } from './errors.js';

export interface HttpRequest {
  /** `https://kms.cn-hangzhou.aliyuncs.com`: selects the pool. */
  origin: string;
  path: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  /** Aborts this attempt (SIGINT). */
  signal?: AbortSignal | undefined;
  /** Aborts this attempt, as `aborted`, after this many ms (what is left of the caller's deadline). */
  timeoutMs?: number | undefined;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with `, `. */
  headers: Readonly<Record<string, string>>;
  body: string;
}

/**
 * Why no response came back:
 * - `connect`: no connection (refused, DNS, TLS, connect time-out): the request never left;
 * - `timeout`: connected, but the headers or the body did not arrive in time;
 * - `reset`: the connection broke before a full response;
 * - `protocol`: the peer answered with something that is not HTTP;
 * - `too-large`: the response body went over the size cap;
 * - `aborted`: the caller's signal fired, or the attempt's `timeoutMs` passed.
 */
export type HttpFailureKind = 'connect' | 'timeout' | 'reset' | 'protocol' | 'too-large' | 'aborted';

/** A network-level failure; carries the low-level code only (never the request). */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  readonly kind: HttpFailureKind;
  /** The low-level code, e.g. `ECONNREFUSED` or `UND_ERR_HEADERS_TIMEOUT`. */
  readonly code: string;
  constructor(kind: HttpFailureKind, code: string, message: string) {
    super(message);
    this.kind = kind;
    this.code = code;
  }
}

/** What the client needs from HTTP; the undici transport is the real one, tests may pass their own. */
export interface HttpTransport {
  /** Resolves with any status; rejects only with `HttpFailure`. */
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Closes every pool; later sends fail. */
  close(): Promise<void>;
}

export interface UndiciTransportOptions {
  /** Most connections kept per origin. Default 16. */
  connections?: number | undefined;
  /** TCP + TLS connect time-out. Default 5000 ms. */
  connectTimeoutMs?: number | undefined;
  /** How long an idle kept-alive connection is kept when the server gives no hint. Default 4000 ms. */
  keepAliveTimeoutMs?: number | undefined;
  /** Largest response body read. Default 8 MiB. */
  maxResponseBytes?: number | undefined;
}

export const DEFAULT_CONNECTIONS_PER_ORIGIN = 16;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

interface ErrorLike {
  code?: unknown;
  syscall?: unknown;
  name?: unknown;
  errors?: unknown;
}

/** Sorts a network error from undici or node:net into an `HttpFailure`, keeping only its code. */
export function classifyNetworkError(error: unknown): HttpFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const nested = Array.isArray(e.errors) ? (e.errors[0] as ErrorLike | undefined) : undefined;
  const code = typeof e.code === 'string' ? e.code : typeof nested?.code === 'string' ? nested.code : typeof e.name === 'string' ? e.name : 'UNKNOWN';
  const syscall = typeof e.syscall === 'string' ? e.syscall : typeof nested?.syscall === 'string' ? nested.syscall : undefined;
  if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR' || code === 'AbortError') return new HttpFailure('aborted', code, 'the request was aborted');
  if (CONNECT_CODES.has(code) || syscall === 'connect' || syscall === 'getaddrinfo' || /CERT|^ERR_TLS_|^ERR_SSL_/.test(code)) {
    return new HttpFailure('connect', code, describeConnectFailure(code));
  }
  if (TIMEOUT_CODES.has(code)) {
    const what = code === 'UND_ERR_HEADERS_TIMEOUT' ? 'no response headers' : 'the response body stalled';
    return new HttpFailure('timeout', code, `${what} within the time-out (${code}); the request may have been processed`);
  }
  if (code.startsWith('HPE_')) return new HttpFailure('protocol', code, `the answer is not valid HTTP (${code})`);
  return new HttpFailure('reset', code, `the connection closed before a full response (${code}); the request may have been processed`);
}

function describeConnectFailure(code: string): string {
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED); nothing reached the service';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL') return `the host name did not resolve (${code}); nothing reached the service`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'no connection within the connect time-out (UND_ERR_CONNECT_TIMEOUT); nothing reached the service';
  return `could not connect (${code}); nothing reached the service`;
}

/**
 * undici's `Pool`, imported from undici's public entry point. Loading the index also loads fetch,
 * WebSocket and caches kmsctl never uses; measured on a small plan against the emulator (five runs each,
 * `/usr/bin/time -v`), the peak RSS went from about 62.1 MB (the pool module alone) to about 68.9 MB,
 * and the wall time did not change beyond the noise (0.8 to 1.4 s either way): the price of not
 * reaching into a private module path.
 */
export { Pool };

/** The undici transport: one keep-alive `Pool` per origin, created on first use. */
export class UndiciTransport implements HttpTransport {
  readonly #pools = new Map<string, Pool>();
  readonly #connections: number;
  readonly #connectTimeoutMs: number;
  readonly #keepAliveTimeoutMs: number;
  readonly #maxResponseBytes: number;
  #closed = false;

  constructor(options: UndiciTransportOptions = {}) {
    this.#connections = positive(options.connections, DEFAULT_CONNECTIONS_PER_ORIGIN, 'connections');
    this.#connectTimeoutMs = positive(options.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS, 'connectTimeoutMs');
    this.#keepAliveTimeoutMs = positive(options.keepAliveTimeoutMs, 4_000, 'keepAliveTimeoutMs');
    this.#maxResponseBytes = positive(options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes');
  }

  /** How many origins have a pool (for tests and `--debug`). */
  get poolCount(): number {
    return this.#pools.size;
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    if (this.#closed) return Promise.reject(new HttpFailure('connect', 'CLIENT_CLOSED', 'the KMS client was closed; nothing was sent'));
    if (request.signal?.aborted) return Promise.reject(new HttpFailure('aborted', 'ABORT_ERR', 'the request was aborted before it was sent'));
    const pool = this.#pool(request.origin);
    return new Promise<HttpResponse>((resolve, reject) => {
      const exchange = new Exchange(request, this.#maxResponseBytes, resolve, reject);
      pool.dispatch(
        {
          path: request.path,
          method: 'POST',
          headers: request.headers,
          body: request.body,
          headersTimeout: request.headersTimeoutMs,
          bodyTimeout: request.bodyTimeoutMs,
        },
        exchange,
      );
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close().catch(() => pool.destroy())));
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.#connections,
        connect: { timeout: this.#connectTimeoutMs },
        keepAliveTimeout: this.#keepAliveTimeoutMs,
        pipelining: 1,
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }

}

/**
 * One request's exchange with undici's dispatcher: collects the body up to the cap and settles once.
 * It stands in for `pool.request()`, whose response stream, abort-signal listener and async iteration
 * cost more CPU than the rest of a small KMS call; time-outs, aborts and errors are handled alike.
 */
class Exchange implements Dispatcher.DispatchHandler, AbortSubscriber {
  readonly #signal: AbortSignal | undefined;
  readonly #maxBytes: number;
  readonly #resolve: (response: HttpResponse) => void;
  readonly #reject: (failure: HttpFailure) => void;
  readonly #unsubscribe: (() => void) | undefined;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  #status = 0;
  #headers: Record<string, string> = {};
  readonly #chunks: Buffer[] = [];
  #size = 0;
  /** Set once the signal fired or the time-out passed: whatever undici reports next is that abort. */
  #aborted = false;
  #settled = false;

  constructor(request: HttpRequest, maxBytes: number, resolve: (response: HttpResponse) => void, reject: (failure: HttpFailure) => void) {
    this.#signal = request.signal;
    this.#maxBytes = maxBytes;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#unsubscribe = request.signal ? subscribeAbort(request.signal, this) : undefined;
    this.#timer = request.timeoutMs === undefined ? undefined : setTimeout(() => this.#abort(), request.timeoutMs);
  }

  onSignalAbort(): void {
    this.#abort();
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // Aborted while it waited for a connection: it ends before anything is written.
    if (this.#aborted) controller.abort(abortedFailure());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (statusCode < 200) return; // an informational answer; the real one follows
    this.#status = statusCode;
    this.#headers = flattenHeaders(headers);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#size += chunk.length;
    if (this.#size > this.#maxBytes) {
      // Thrown, undici aborts the request and stops parsing: the body is dropped, and its connection with it.
      throw new HttpFailure('too-large', 'RESPONSE_TOO_LARGE', `the response body is larger than ${this.#maxBytes} bytes`);
    }
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    const body = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer).toString('utf8') : Buffer.concat(this.#chunks).toString('utf8');
    if (this.#settle()) this.#resolve({ status: this.#status, headers: this.#headers, body });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.#fail(error instanceof HttpFailure ? error : failureOf(error, this.#aborted || this.#signal?.aborted === true));
  }

  #abort(): void {
    if (this.#settled || this.#aborted) return;
    this.#aborted = true;
    this.#controller?.abort(abortedFailure());
  }

  #fail(failure: HttpFailure): void {
    if (this.#settle()) this.#reject(failure);
  }

  /** True the first time: clears the timer and leaves the signal's subscribers. */
  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#unsubscribe?.();
    return true;
  }
}

function abortedFailure(): HttpFailure {
  return new HttpFailure('aborted', 'ABORT_ERR', 'the request was aborted');
}

/** An abort shows as whatever reason it carried (undici rethrows it), so whether one happened decides first. */
function failureOf(error: unknown, aborted: boolean): HttpFailure {
  if (aborted) return abortedFailure();
  return classifyNetworkError(error);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new KmsConfigError('options.invalid', `${name} must be a positive number, got ${value}`);
  return value;
}
