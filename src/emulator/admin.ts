/**
 * The emulator's own endpoints, under `/_emulator/` (nothing else answers there, and the real service
 * has no such paths). They take no signature, so they answer loopback clients only, never a web page
 * of another origin, and a POST or DELETE only with a JSON content type (admin-guard.ts).
 *
 *   GET  /_emulator/clock   → {"now": ISO, "frozen": bool}
 *   POST /_emulator/clock   {"advance": "7d"} (kmsctl's duration grammar, signed: "-12h", "1d12h", "2w")
 *                           or {"set": "2026-01-01T00:00:00Z"} → {"now": ISO, "frozen": bool}
 *   GET  /_emulator/stats   → requests per action since start, with a total, and per account, region
 *                           and quota group with the throttled ones (StatsSnapshot)
 *   GET|POST /_emulator/latency, /_emulator/quota → network latency and quotas (admin-traffic.ts)
 *   GET|POST|DELETE /_emulator/faults → injected faults (faults/faults-endpoint.ts)
 *
 * Like API answers, admin answers carry the emulator clock in their Date header.
 * Errors are JSON in the service's error shape: 400 bad input, 403 not loopback or a foreign Origin,
 * 404 unknown path, 405 wrong method, 415 a POST or DELETE that is not application/json.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { adminRefusal, changeRefusal, type AdminRefusal } from './admin-guard.js';
import { isTrafficRoute, trafficRoute } from './admin-traffic.js';
import { clockRangeProblem, type EmulatorClock } from './clock.js';
import { parseIsoDate, readDuration } from './dates.js';
import { handleFaultsRequest, type FaultInjector } from './faults/index.js';
import { KmsServiceError } from './errors.js';
import { readBody } from './request-parser.js';
import { gatewayErrorBody } from './error-forms.js';
import type { RequestStats } from './stats.js';
import type { TrafficControls } from './traffic-controls.js';

export const ADMIN_PREFIX = '/_emulator/';

export interface AdminDependencies {
  clock: EmulatorClock;
  stats: RequestStats;
  traffic?: TrafficControls | undefined;
  /** Injected faults: `/_emulator/faults`, and a `faults` field in the stats. */
  faults?: FaultInjector | undefined;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function handleAdminRequest(req: IncomingMessage, res: ServerResponse, path: string, deps: AdminDependencies): Promise<void> {
  try {
    const method = (req.method ?? '').toUpperCase();
    refuse(adminRefusal(req));
    const route = path.slice(ADMIN_PREFIX.length);
    if (route === 'clock' && method === 'GET') return sendJson(res, 200, clockBody(deps.clock), deps.clock);
    if (route === 'clock' && method === 'POST') {
      refuse(changeRefusal(req, method));
      applyClockChange(deps.clock, await readJsonObject(req));
      return sendJson(res, 200, clockBody(deps.clock), deps.clock);
    }
    if (route === 'stats' && method === 'GET') return sendJson(res, 200, { ...deps.stats.snapshot(), faults: deps.faults?.snapshot() }, deps.clock);
    if (route === 'faults' && deps.faults) {
      if (method === 'POST' || method === 'DELETE') refuse(changeRefusal(req, method));
      const answer = await handleFaultsRequest(req, method, deps.faults);
      return sendJson(res, answer.status, answer.body, deps.clock);
    }
    if (isTrafficRoute(route) && deps.traffic) {
      if (method !== 'GET' && method !== 'POST') throw new AdminError(405, 'MethodNotAllowed', `${method} is not supported on ${path}.`);
      if (method === 'POST') refuse(changeRefusal(req, method));
      const body = method === 'POST' ? await readJsonObject(req) : undefined;
      return sendJson(res, 200, trafficRoute(deps.traffic, route, body), deps.clock);
    }
    if (route === 'clock' || route === 'stats') throw new AdminError(405, 'MethodNotAllowed', `${method} is not supported on ${path}.`);
    throw new AdminError(404, 'NotFound', `There is no emulator endpoint ${path}; see /_emulator/clock, /_emulator/stats, /_emulator/latency and /_emulator/quota.`);
  } catch (error) {
    const failure =
      error instanceof AdminError ? error
      : error instanceof KmsServiceError ? new AdminError(error.status, error.code, error.message)
      : new AdminError(400, 'InvalidParameter', (error as Error).message);
    const requestId = randomUUID().toUpperCase();
    sendJson(res, failure.status, gatewayErrorBody({ requestId, hostId: req.headers.host ?? 'kms-emulator', code: failure.code, message: failure.message }));
  }
}

function refuse(refusal: AdminRefusal | undefined): void {
  if (refusal !== undefined) throw new AdminError(refusal.status, refusal.code, refusal.message);
}

function clockBody(clock: EmulatorClock): { now: string; frozen: boolean } {
  return { now: clock.now().toISOString(), frozen: clock.frozen };
}

function applyClockChange(clock: EmulatorClock, body: Record<string, unknown>): void {
  const keys = Object.keys(body);
  if (keys.length !== 1 || (keys[0] !== 'advance' && keys[0] !== 'set')) {
    throw new AdminError(400, 'InvalidParameter', 'The body must be exactly one of {"advance": "7d"} or {"set": "<ISO 8601 time>"}.');
  }
  if (keys[0] === 'advance') {
    const text = body['advance'];
    const read = typeof text === 'string' ? readDuration(text) : undefined;
    if (read === undefined || 'error' in read) {
      const why = read === undefined ? `got ${JSON.stringify(text)}` : read.error;
      throw new AdminError(400, 'InvalidParameter', `"advance" must be a duration such as "7d", "-12h", "1d12h" or "2w" (units w, d, h, m, s, largest first): ${why}.`);
    }
    const ms = read.ms;
    moveClock(clock, clock.now().getTime() + ms, () => clock.advance(ms));
    return;
  }
  const text = body['set'];
  const ms = typeof text === 'string' ? parseIsoDate(text) : undefined;
  if (ms === undefined) throw new AdminError(400, 'InvalidParameter', `"set" must be an ISO 8601 time with a zone, such as "2026-01-01T00:00:00Z"; got ${JSON.stringify(text)}.`);
  moveClock(clock, ms, () => clock.set(new Date(ms)));
}

/** A move the state file could not hold (past 9999, before 1970) is a 400 naming the limit, and nothing moves. */
function moveClock(clock: EmulatorClock, targetMs: number, move: () => void): void {
  const problem = clockRangeProblem(targetMs);
  if (problem !== undefined) throw new AdminError(400, 'InvalidParameter', `${problem[0]?.toUpperCase() ?? ''}${problem.slice(1)}; the clock stays at ${clock.now().toISOString()}.`);
  move();
}

async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req, 64 * 1024)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AdminError(400, 'InvalidParameter', 'The body is not JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AdminError(400, 'InvalidParameter', 'The body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

function sendJson(res: ServerResponse, status: number, body: object, clock?: EmulatorClock): void {
  const text = JSON.stringify(body);
  if (clock) res.setHeader('Date', clock.now().toUTCString());
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json;charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
