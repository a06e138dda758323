/**
 * Serves one API request the way the service's gateway and KMS do, in this order: read and decode;
 * authenticate (which says the caller's account); check the action and API version; take a token of
 * the quota of the caller's account, region and action group; then KMS itself: injected faults, the
 * work due on the emulator clock (deletions, automatic rotations), the action. Every failure, including
 * an unexpected one, is answered with the service's error body, the gateway's until the request reaches
 * KMS and KMS's from then on (error-forms.ts); the server never shows a stack trace and keeps serving.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { displayText } from '../diagnostics/display-text.js';
import { API_VERSION } from '../kms/wire/enums.js';
import { findAction } from './actions/index.js';
import { dropConnection, injectFault, type FaultInjector } from './faults/index.js';
import { authenticate, type AuthDependencies } from './authenticate.js';
import { runDueWork } from './due-work.js';
import { errorAnswer, errorFormOf } from './error-forms.js';
import { KmsServiceError, invalidParameter, missingParameter, type ErrorForm } from './errors.js';
import type { Scope } from './model.js';
import { ParamReader } from './params.js';
import { quotaSlotOf, type QuotaSlot } from './quota-board.js';
import { requestRegion } from './region.js';
import { parseRequest, readBody, type ParsedRequest } from './request-parser.js';
import { parseFormat, sendBody, type ResponseFormat } from './responses.js';
import type { RequestStats } from './stats.js';
import type { EmulatorStore } from './store.js';
import type { StsService } from './sts/sts-service.js';
import type { TrafficControls } from './traffic-controls.js';
import { isV3Request } from './verify-v3.js';

export interface ApiDependencies extends AuthDependencies {
  store: EmulatorStore;
  stats: RequestStats;
  defaultRegion: string;
  /** One line per request (debug); never parameters or secrets. */
  log?: ((line: string) => void) | undefined;
  /** Network latency and quotas (traffic-controls.ts); none when absent. */
  traffic?: TrafficControls | undefined;
  /** The STS endpoint served on the same port; KMS only when absent. */
  sts?: StsService | undefined;
  /** Injected faults (faults/); none when absent. */
  faults?: FaultInjector | undefined;
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, deps: ApiDependencies): Promise<void> {
  const requestId = randomUUID().toUpperCase();
  const hostId = req.headers.host ?? 'kms-emulator';
  let format: ResponseFormat = 'XML';
  let action: string | undefined;
  let failed: { code: string; status: number } | undefined;
  let slot: QuotaSlot | undefined;
  // Who answers an error: the gateway until the request reaches KMS (error-forms.ts).
  let stage: ErrorForm = 'gateway';
  // The service's Date header is the service's time; here that is the emulator clock, so clients that
  // plan by the service's clock (kmsctl does) follow clock changes made through /_emulator/clock.
  res.setHeader('Date', httpDate(deps.store.clock.nowMs()));
  // The simulated network time starts as the request arrives and ends before the answer leaves, so the
  // emulator's own processing is part of it, not added to it (traffic-controls.ts).
  const network = deps.traffic?.arrive(res);
  try {
    format = sniffFormat(req.url ?? '');
    const method = (req.method ?? '').toUpperCase();
    if (method !== 'GET' && method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      throw new KmsServiceError('InvalidParameter', `The HTTP method ${method} is not supported; use GET or POST.`, 405);
    }
    const request = parseRequest(req, await readBody(req));
    action = request.params['Action'] ?? request.headers['x-acs-action'];
    format = requestFormat(request);
    deps.traffic?.admit(); // the plain quota over all actions, counted under the action it named
    if (request.path !== '/') throw new KmsServiceError('InvalidAction.NotFound', `The path ${request.path} is not served; RPC calls go to "/".`, 404);
    if (deps.sts?.accepts(request)) {
      // STS (2015-04-01) on the same port: AssumeRole, AssumeRoleWithOIDC, GetCallerIdentity (sts/sts-service.ts).
      const answer = deps.sts.serve(request);
      action = answer.action;
      if (network) await network;
      sendBody(res, 200, format, `${action}Response`, { RequestId: requestId, ...answer.body }, requestId);
    } else {
      const { claim, credential } = authenticate(request, deps);
      action = claim.action;
      if (action === undefined || action === '') throw missingParameter('Action');
      if (claim.apiVersion === undefined || claim.apiVersion === '') throw missingParameter('Version');
      if (claim.apiVersion !== API_VERSION) throw invalidParameter('Version', claim.apiVersion, `is not served; this emulator serves ${API_VERSION}`);
      const handler = findAction(action);
      if (handler === undefined) throw new KmsServiceError('InvalidAction.NotFound', `Specified api is not found, please check your url and method: ${action}`);
      const scope: Scope = { account: credential.accountId ?? deps.store.baseAccount, region: requestRegion(request.params['RegionId'], request.headers['host'], deps.defaultRegion) };
      slot = quotaSlotOf(scope.account, scope.region, action);
      if (slot) deps.traffic?.quotas.admit(slot);
      stage = 'kms';
      const fault = await injectFault(deps.faults, { action, params: request.params, scope, store: deps.store, log: deps.log });
      if (fault === 'reset') return dropConnection(res);
      runDueWork(deps.store);
      const body = handler({ params: new ParamReader(request.params), scope, store: deps.store, nowMs: deps.store.clock.nowMs() });
      if (fault === 'drop-after-commit') return dropConnection(res);
      if (network) await network;
      sendBody(res, 200, format, `${action}Response`, { RequestId: requestId, ...body }, requestId);
    }
  } catch (error) {
    // A client that went away mid-request gets no answer, and its disconnect is no server fault.
    if (req.destroyed && !(error instanceof KmsServiceError)) return;
    const failure = error instanceof KmsServiceError ? error : internalFailure(error, deps);
    failed = { code: failure.code, status: failure.status };
    // An unread or oversized body leaves the connection in an unknown state: close it after the answer.
    if (failure.status === 413) res.setHeader('Connection', 'close');
    const { rootName, body } = errorAnswer(errorFormOf(failure, stage), { requestId, hostId, status: failure.status, code: failure.code, message: failure.message });
    if (network) await network;
    sendBody(res, failure.status, format, rootName, body, requestId);
  }
  deps.stats.record(action, failed, slot);
  // The action is the caller's text: shown escaped, as in every error message (error-forms.ts).
  deps.log?.(`${req.method ?? '?'} ${displayText(action ?? '-')} ${res.statusCode}${failed ? ` ${failed.code}` : ''} ${requestId}`);
}

/** The `Date` header of an instant: formatted once a second, as node formats its own. */
function httpDate(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastDate.second) lastDate = { second, text: new Date(second * 1000).toUTCString() };
  return lastDate.text;
}

let lastDate = { second: Number.NaN, text: '' };

/** Format from the parameters; V3 requests (whose SDKs send no Format and read JSON) default to JSON. */
function requestFormat(request: ParsedRequest): ResponseFormat {
  const format = parseFormat(request.params['Format'], isV3Request(request) ? 'JSON' : 'XML');
  if (format === undefined) throw invalidParameter('Format', request.params['Format'] ?? '', 'is not JSON or XML');
  return format;
}

/** A best guess before the query is decoded, so even a malformed request is answered in the format it asked for. */
function sniffFormat(target: string): ResponseFormat {
  return /[?&]Format=json(?:&|$)/i.test(target) ? 'JSON' : 'XML';
}

/** An unexpected failure is the service's fault: KMS's InternalFailure, logged with its stack. */
function internalFailure(error: unknown, deps: ApiDependencies): KmsServiceError {
  deps.log?.(`internal failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new KmsServiceError('InternalFailure', 'The emulator failed to process the request; see its log.', undefined, 'kms');
}
