/**
 * One endpoint's signed RPC calls: each attempt is a freshly signed POST (new nonce, new timestamp,
 * credentials asked again), paced to its quota group and bounded in flight, retried only for
 * idempotent actions, kept to the call's deadline, and reported to the observer.
 */
import { randomUUID } from 'node:crypto';
import { KMS_ACTIONS, type KmsAction } from './actions.js';
import type { AdaptiveLimiter, Permit, PermitOutcome } from './adaptive-limiter.js';
import type { ConcurrencyBound } from './concurrency-bound.js';
import { isThrottling } from './wire/error-codes.js';
import type { Credentials, CredentialsProvider } from './credentials.js';
import type { KmsEndpoint } from './endpoint.js';
import { KmsApiError, KmsTransportError, type TransportErrorKind } from './errors.js';
import { HttpFailure, type HttpResponse, type HttpTransport } from './http-transport.js';
import { interpretResponse, parseHttpDate } from './interpret-response.js';
import type { PairTraffic } from './pair-traffic.js';
import type { PaceTicket, QuotaPacer } from './quota-pacer.js';
import { notifyObserver, type KmsRequestEvent, type KmsRequestObserver } from './request-event.js';
import { baseHeaders, signRequest, type SignatureVersion } from './request-signer.js';
import { abortReason, runWithRetries, type RetryPolicy, type RetryRuntime } from './retry.js';
import type { KmsTimeouts } from './timeouts.js';

export interface RpcCallerOptions {
  /** The region the calls are about: sent as `RegionId` unless `sendRegionId` is false, and named in events. */
  region: string;
  /** False for STS, whose calls name no region. Default true. */
  sendRegionId?: boolean | undefined;
  /** The API version (`Version` / `x-acs-version`). Default KMS's. */
  apiVersion?: string | undefined;
  endpoint: KmsEndpoint;
  credentials: CredentialsProvider;
  transport: HttpTransport;
  timeouts: KmsTimeouts;
  retry: RetryPolicy;
  runtime: RetryRuntime;
  userAgent: string;
  /** `v3` (ACS3-HMAC-SHA256, default) or `v1` (HMAC-SHA1). */
  signatureVersion?: SignatureVersion | undefined;
  onRequest?: KmsRequestObserver | undefined;
  /** Aborts every call; a call may add its own. */
  signal?: AbortSignal | undefined;
  nonce?: (() => string) | undefined;
  /** The pacers and limiter of the (account, region) pair the calls count against. */
  traffic?: PairTraffic | undefined;
  /** A limiter of its own, when there is no pair traffic (a client made by hand). None: unbounded. */
  limiter?: AdaptiveLimiter | undefined;
  /** The run's bound on requests in flight across every pair. */
  bound?: ConcurrencyBound | undefined;
}

/** An action's parameters; undefined ones are not sent. */
export type RpcParams = Record<string, string | undefined>;

/** What one attempt left behind, for the observer. */
interface AttemptTrace {
  startedAt: number;
  status: number | undefined;
  serverDate: Date | undefined;
}

/** What an attempt holds while it is in flight: its pace ticket, its limiter permit, its slot in the run's bound. */
interface Admission {
  pacer: QuotaPacer | undefined;
  ticket: PaceTicket | undefined;
  permit: Permit | undefined;
  releaseBound: (() => void) | undefined;
}

export class RpcCaller {
  readonly #o: RpcCallerOptions;
  readonly #nonce: () => string;
  /** The same for every request of the caller. */
  readonly #headers: Readonly<Record<string, string>>;
  /** The Host header, which a V3 signature covers. */
  readonly #host: string;

  constructor(options: RpcCallerOptions) {
    this.#o = options;
    this.#nonce = options.nonce ?? randomUUID;
    this.#headers = baseHeaders(options.userAgent);
    this.#host = new URL(options.endpoint.origin).host;
  }

  /** One call: signed attempts with retries (idempotent actions only), within the deadline. */
  async call<T extends { requestId: string }>(action: KmsAction, params: RpcParams, decode: (body: Record<string, unknown>) => T, callSignal?: AbortSignal): Promise<T> {
    const { runtime } = this.#o;
    const idempotent = KMS_ACTIONS[action].idempotent;
    const signal = combineSignals(this.#o.signal, callSignal);
    const deadlineAt = runtime.now() + this.#o.timeouts.deadlineMs;
    const keyId = params.KeyId;
    let trace: AttemptTrace = { startedAt: runtime.now(), status: undefined, serverDate: undefined };
    return runWithRetries({
      idempotent,
      policy: this.#o.retry,
      runtime,
      deadlineAt,
      signal,
      attempt: async (attempt) => {
        trace = { startedAt: runtime.now(), status: undefined, serverDate: undefined };
        const credentials = await this.#o.credentials.getCredentials();
        // Every attempt, a retry too, waits for its pace and a slot: retries after throttling keep to the lowered rate and limit.
        const admission = await this.#admit(action, signal);
        let outcome: PermitOutcome = 'failed';
        try {
          trace.startedAt = runtime.now();
          // An in-flight non-idempotent request is not cut short by the caller's signal: its outcome must be known.
          const response = await this.#send(action, params, credentials, attempt, deadlineAt, idempotent ? signal : undefined);
          trace.status = response.status;
          trace.serverDate = parseHttpDate(response.headers.date);
          const secrets = [credentials.accessKeySecret, credentials.securityToken];
          const result = interpretResponse(response, decode, { action, endpoint: this.#o.endpoint.url, keyId, secrets, accessKeyIds: [credentials.accessKeyId] });
          outcome = 'success';
          this.#emit(trace, { action, keyId, attempt, outcome: 'success', status: response.status, requestId: result.requestId || undefined });
          return result;
        } catch (error) {
          if (error instanceof KmsApiError) outcome = isThrottling(error) ? 'throttled' : 'success';
          throw error;
        } finally {
          release(admission, outcome);
        }
      },
      onFailure: (error, attempt, retryDelayMs) => {
        const base = { action, keyId, attempt, retryDelayMs };
        if (error instanceof KmsApiError) {
          this.#emit(trace, { ...base, outcome: 'api-error', status: error.httpStatus, code: error.code, requestId: error.requestId || undefined });
        } else if (error instanceof KmsTransportError) {
          this.#emit(trace, { ...base, outcome: 'transport-error', status: error.httpStatus ?? trace.status, errorKind: error.kind });
        }
      },
    });
  }

  /** Waits for the action's pace, the pair's limiter and the run's bound, in that order; gives back what it took when one aborts. */
  async #admit(action: KmsAction, signal: AbortSignal | undefined): Promise<Admission> {
    const pacer = this.#o.traffic?.pacerFor(action);
    const admission: Admission = { pacer, ticket: undefined, permit: undefined, releaseBound: undefined };
    try {
      admission.ticket = await pacer?.pace(signal);
      admission.permit = await (this.#o.traffic?.limiter ?? this.#o.limiter)?.acquire(signal);
      admission.releaseBound = await this.#o.bound?.acquire(signal);
      return admission;
    } catch (error) {
      release(admission, 'failed');
      throw error;
    }
  }

  /** Signs and sends one attempt; network failures become `KmsTransportError`, an abort its reason. */
  async #send(action: KmsAction, params: RpcParams, credentials: Credentials, attempt: number, deadlineAt: number, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const { endpoint, timeouts, runtime } = this.#o;
    const keyId = params.KeyId;
    const remaining = deadlineAt - runtime.now();
    if (remaining <= 0) {
      throw new KmsTransportError('deadline', action, endpoint.url, `the ${timeouts.deadlineMs} ms deadline passed before attempt ${attempt}`, undefined, keyId);
    }
    const regionId = this.#o.sendRegionId === false ? undefined : this.#o.region;
    const input = { action, params, credentials, regionId, apiVersion: this.#o.apiVersion, now: runtime.now(), nonce: this.#nonce() };
    const signed = signRequest(this.#o.signatureVersion ?? 'v3', input, { host: this.#host, path: endpoint.path }, this.#headers);
    try {
      // The transport ends the attempt at the deadline and on the signal itself: an AbortController and
      // two abort listeners per attempt cost more CPU than signing it, which shows at thousands of requests.
      return await this.#o.transport.send({
        origin: endpoint.origin,
        path: endpoint.path,
        headers: signed.headers,
        body: signed.body,
        signal: signal ?? NEVER_ABORTED,
        timeoutMs: remaining,
        headersTimeoutMs: timeouts.headersMs,
        bodyTimeoutMs: timeouts.bodyMs,
      });
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      if (signal?.aborted) throw abortReason(signal);
      if (error.kind === 'aborted') {
        const earlier = attempt > 1 ? `; ${attempt - 1} earlier attempt(s) failed` : '';
        throw new KmsTransportError('deadline', action, endpoint.url, `no answer within the ${timeouts.deadlineMs} ms deadline${earlier}; the request may have been processed`, undefined, keyId);
      }
      throw new KmsTransportError(transportKind(error), action, endpoint.url, error.message, undefined, keyId);
    }
  }

  #emit(trace: AttemptTrace, e: AttemptReport): void {
    notifyObserver(this.#o.onRequest, {
      action: e.action,
      region: this.#o.region,
      endpoint: this.#o.endpoint.url,
      keyId: e.keyId,
      attempt: e.attempt,
      outcome: e.outcome,
      status: e.status,
      code: e.code,
      errorKind: e.errorKind,
      requestId: e.requestId,
      serverDate: trace.serverDate,
      durationMs: Math.max(0, this.#o.runtime.now() - trace.startedAt),
      retryDelayMs: e.retryDelayMs,
    });
  }
}

/** Gives back what an attempt held; a throttling answer lowers the group's pace and the pair's limit. */
function release(admission: Admission, outcome: PermitOutcome): void {
  admission.releaseBound?.();
  admission.permit?.release(outcome);
  if (outcome === 'throttled' && admission.pacer && admission.ticket) admission.pacer.throttled(admission.ticket);
}

type AttemptReport = Pick<KmsRequestEvent, 'action' | 'keyId' | 'attempt' | 'outcome'> & Partial<Pick<KmsRequestEvent, 'status' | 'code' | 'errorKind' | 'requestId' | 'retryDelayMs'>>;

function transportKind(failure: HttpFailure): TransportErrorKind {
  switch (failure.kind) {
    case 'connect':
      return 'connect';
    case 'timeout':
      return 'timeout';
    case 'reset':
      return 'reset';
    case 'protocol':
    case 'too-large':
      return 'bad-response';
    case 'aborted':
      return 'deadline';
  }
}

/**
 * The signal of an attempt that nothing but the deadline may cut short (a non-idempotent action, or a
 * caller without a signal): every attempt hands the transport a signal, as it always has.
 */
const NEVER_ABORTED = new AbortController().signal;

function combineSignals(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (a && b) return AbortSignal.any([a, b]);
  return a ?? b;
}
