/**
 * The admin routes that change the emulator's latency and quotas while it runs (a benchmark builds its
 * fleet fast, then turns the network and the quotas on for the measurement):
 *
 *   GET  /_emulator/latency, /_emulator/quota  → the settings, with the API requests in flight now and
 *        at most since the settings last changed (TrafficDescription)
 *   POST /_emulator/latency {"latency": "20ms", "jitter": "5ms"}   (or numbers of ms; jitter default 0)
 *   POST /_emulator/quota   {"quotas": "service"}                  (the published figures; or "older", "none")
 *                           {"quotas": {"key-read": 40, "key-write": null}}   (some groups; null: none)
 *                           {"qps": 200, "burst": 200}             (the plain quota over all actions; null removes it)
 *
 * A bad body throws an Error whose message quotes the bad value; the admin handler answers it with 400.
 */
import { parseLatency } from './latency.js';
import { QUOTA_PRESETS, isQuotaGroup, isQuotaPreset, type QuotaChanges } from './quota-board.js';
import type { TrafficControls, TrafficDescription } from './traffic-controls.js';

export const TRAFFIC_ROUTES = ['latency', 'quota'] as const;
export type TrafficRoute = (typeof TRAFFIC_ROUTES)[number];

export function isTrafficRoute(route: string): route is TrafficRoute {
  return (TRAFFIC_ROUTES as readonly string[]).includes(route);
}

/** Applies a POST body (when given) to the route's settings and returns all settings. */
export function trafficRoute(controls: TrafficControls, route: TrafficRoute, body: Record<string, unknown> | undefined): TrafficDescription {
  if (body !== undefined) {
    if (route === 'latency') setLatency(controls, body);
    else setQuota(controls, body);
    controls.resetPeak();
  }
  return controls.describe();
}

function setLatency(controls: TrafficControls, body: Record<string, unknown>): void {
  onlyFields(body, ['latency', 'jitter'], '{"latency": "20ms", "jitter": "5ms"}');
  if (!('latency' in body)) throw new Error('The body needs "latency", e.g. {"latency": "20ms", "jitter": "5ms"}.');
  const latencyMs = milliseconds('latency', body['latency']);
  const jitterMs = body['jitter'] === undefined ? 0 : milliseconds('jitter', body['jitter']);
  controls.latency.set({ latencyMs, jitterMs });
}

const QUOTA_EXAMPLE = '{"quotas": "service"}, {"quotas": {"key-read": 40}} or {"qps": 200, "burst": 200}';

/** Checks the whole body before changing anything, so a bad body changes nothing. */
function setQuota(controls: TrafficControls, body: Record<string, unknown>): void {
  onlyFields(body, ['quotas', 'qps', 'burst'], QUOTA_EXAMPLE);
  if (!('qps' in body) && !('quotas' in body)) throw new Error(`The body needs "quotas" or "qps", e.g. ${QUOTA_EXAMPLE}.`);
  if ('burst' in body && !('qps' in body)) throw new Error('"burst" needs "qps", e.g. {"qps": 200, "burst": 200}.');
  const quotas = 'quotas' in body ? quotaChanges(body['quotas']) : undefined;
  if ('qps' in body) setPlainQuota(controls, body);
  if (quotas !== undefined) controls.quotas.change(quotas);
}

function quotaChanges(value: unknown): QuotaChanges {
  if (typeof value === 'string') {
    if (!isQuotaPreset(value)) throw new Error(`"quotas" must be one of ${Object.keys(QUOTA_PRESETS).join(', ')}, or an object of group figures; got ${JSON.stringify(value)}.`);
    return { ...QUOTA_PRESETS[value] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`"quotas" must be a preset name or an object such as {"key-read": 40}; got ${JSON.stringify(value)}.`);
  const changes: QuotaChanges = {};
  for (const [group, qps] of Object.entries(value)) {
    if (!isQuotaGroup(group)) throw new Error(`"quotas" names an unknown group ${JSON.stringify(group)}.`);
    if (qps !== null && (typeof qps !== 'number' || !(qps > 0))) throw new Error(`The ${group} quota must be a positive number of requests per second or null; got ${JSON.stringify(qps)}.`);
    changes[group] = qps;
  }
  return changes;
}

function setPlainQuota(controls: TrafficControls, body: Record<string, unknown>): void {
  const qps = body['qps'];
  const burst = body['burst'];
  if (qps !== null && typeof qps !== 'number') throw new Error(`"qps" must be a number of requests per second or null; got ${JSON.stringify(qps)}.`);
  if (burst !== undefined && burst !== null && typeof burst !== 'number') throw new Error(`"burst" must be a number of requests; got ${JSON.stringify(burst)}.`);
  controls.quota.set({ qps: qps ?? undefined, burst: burst ?? undefined });
}

function milliseconds(name: string, value: unknown): number {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? parseLatency(value) : undefined;
  if (ms === undefined) throw new Error(`"${name}" must be a duration such as "20ms" or "0.5s", or a number of milliseconds; got ${JSON.stringify(value)}.`);
  return ms;
}

function onlyFields(body: Record<string, unknown>, allowed: string[], example: string): void {
  const unknown = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw new Error(`Unknown field ${JSON.stringify(unknown)}; the body looks like ${example}.`);
}
