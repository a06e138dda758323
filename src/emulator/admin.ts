/**
 * The emulator's own endpoints, under `/_emulator/` (nothing else answers there, and the real service
 * has no such paths). They take no signature, so they answer loopback clients only.
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
 * Errors are JSON in the service's error shape: 400 bad input, 403 not loopback, 404 unknown path, 405 wrong method.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { isTrafficRoute, trafficRoute } from './admin-traffic.js';
import type { EmulatorClock } from './clock.js';
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
    if (!isLoopback(req.socket.remoteAddress)) throw new AdminError(403, 'Forbidden', 'The emulator admin endpoints answer loopback clients only.');
    const route = path.slice(ADMIN_PREFIX.length);
    const method = (req.method ?? '').toUpperCase();
    if (route === 'clock' && method === 'GET') return sendJson(res, 200, clockBody(deps.clock), deps.clock);
    if (route === 'clock' && method === 'POST') {
      applyClockChange(deps.clock, await readJsonObject(req));
      return sendJson(res, 200, clockBody(deps.clock), deps.clock);
    }
    if (route === 'stats' && method === 'GET') return sendJson(res, 200, { ...deps.stats.snapshot(), faults: deps.faults?.snapshot() }, deps.clock);
    if (route === 'faults' && deps.faults) {
      const answer = await handleFaultsRequest(req, method, deps.faults);
      return sendJson(res, answer.status, answer.body, deps.clock);
    }
    if (isTrafficRoute(route) && deps.traffic) {
      if (method !== 'GET' && method !== 'POST') throw new AdminError(405, 'MethodNotAllowed', `${method} is not supported on ${path}.`);
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
    clock.advance(read.ms);
    return;
  }
  const text = body['set'];
  const ms = typeof text === 'string' ? parseIsoDate(text) : undefined;
  if (ms === undefined) throw new AdminError(400, 'InvalidParameter', `"set" must be an ISO 8601 time with a zone, such as "2026-01-01T00:00:00Z"; got ${JSON.stringify(text)}.`);
  clock.set(new Date(ms));
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

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}
