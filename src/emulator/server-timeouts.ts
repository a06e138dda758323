/**
 * Bounds how long a client may take to send a request, so a slow or stalled client (one that dribbles
 * its headers or body byte by byte) cannot hold a connection open for node's defaults of minutes. A
 * request not in whole by then is answered 408 in the service's error shape and its connection closed.
 */
import type { Server } from 'node:http';

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Sets the request and header time-outs; call before `listen` (node starts the checker on listening). */
export function applyServerTimeouts(server: Server, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): void {
  if (!Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0) throw new RangeError(`requestTimeoutMs must be a positive number, got ${requestTimeoutMs}`);
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = requestTimeoutMs;
  // Node checks for expired requests on this period (30 s by default): check often enough to keep the bound.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(requestTimeoutMs / 4)));
}
