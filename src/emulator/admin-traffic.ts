/**
 * The admin routes that change the emulator's latency and rate quota while it runs (a benchmark builds
 * its fleet fast, then turns the network on for the measurement):
 *
 *   GET  /_emulator/latency, /_emulator/quota  → the settings, with the API requests in flight now and
 *        at most since the settings last changed (TrafficDescription)
 *   POST /_emulator/latency {"latency": "20ms", "jitter": "5ms"}   (or numbers of ms; jitter default 0)
 *   POST /_emulator/quota   {"qps": 200, "burst": 200}             ({"qps": null} removes the quota)
 *
 * A bad body throws an Error whose message quotes the bad value; the admin handler answers it with 400.
 */
import { parseLatency } from './latency.js';
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

function setQuota(controls: TrafficControls, body: Record<string, unknown>): void {
  onlyFields(body, ['qps', 'burst'], '{"qps": 200, "burst": 200}');
  if (!('qps' in body)) throw new Error('The body needs "qps", e.g. {"qps": 200} or {"qps": null} for no quota.');
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
