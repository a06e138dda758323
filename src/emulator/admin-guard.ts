/**
 * Who may use the emulator's own endpoints (`/_emulator/`), which take no signature and can move the
 * clock or inject faults: loopback clients only, and no web page. A browser on the same machine is a
 * loopback client, so two more checks keep a page from driving them:
 *
 * - an `Origin` header (which browsers send with every cross-origin and every non-GET request) must be
 *   the emulator's own: its scheme, a loopback host name and its port. A page elsewhere, or one on a
 *   name that DNS rebinding pointed at 127.0.0.1, is refused;
 * - a POST or DELETE must say `content-type: application/json`. A page can send `text/plain` or a
 *   form without asking first; JSON needs a CORS preflight, which the emulator never grants.
 *
 * The answers are 403 for a foreign client or origin and 415 for another content type.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export interface AdminRefusal {
  status: 403 | 415;
  code: 'Forbidden' | 'UnsupportedMediaType';
  message: string;
}

/** Why the request may not reach any admin endpoint (its client or its Origin), or undefined when it may. */
export function adminRefusal(req: IncomingMessage): AdminRefusal | undefined {
  if (!isLoopback(req.socket.remoteAddress)) return { status: 403, code: 'Forbidden', message: 'The emulator admin endpoints answer loopback clients only.' };
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, req)) {
    return { status: 403, code: 'Forbidden', message: 'The emulator admin endpoints refuse requests from web pages: the Origin is not the emulator\'s own.' };
  }
  return undefined;
}

/** Why a POST or DELETE an endpoint serves may not change anything: it is not `application/json`. */
export function changeRefusal(req: IncomingMessage, method: string): AdminRefusal | undefined {
  if (mediaType(req.headers['content-type']) === 'application/json') return undefined;
  return { status: 415, code: 'UnsupportedMediaType', message: `${method} to the emulator admin endpoints needs the header content-type: application/json.` };
}

/** The emulator's own origin: the scheme it serves, a loopback host and the port the request came in on. */
function isOwnOrigin(origin: string, req: IncomingMessage): boolean {
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  const scheme = 'encrypted' in req.socket && req.socket.encrypted === true ? 'https:' : 'http:';
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return url.protocol === scheme && port === req.socket.localPort && isLoopbackName(url.hostname);
}

function isLoopbackName(hostname: string): boolean {
  if (hostname === 'localhost') return true;
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isLoopback(bare);
}

/** The media type of a content-type header, without parameters, lower case. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}
