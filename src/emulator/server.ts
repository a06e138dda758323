/**
 * The HTTP server: routes `/_emulator/...` to the admin endpoints and everything else to the KMS API.
 * A handler that fails unexpectedly, or a request node cannot even parse, still gets an answer in the
 * service's error shape; the server keeps serving.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { ADMIN_PREFIX, handleAdminRequest, type AdminDependencies } from './admin.js';
import { handleApiRequest, type ApiDependencies } from './api-handler.js';
import { splitTarget } from './request-parser.js';
import { gatewayErrorBody } from './error-forms.js';
import { renderBody } from './responses.js';

export interface ServerDependencies {
  api: ApiDependencies;
  admin: AdminDependencies;
  /** Serve HTTPS with this PEM key and certificate (`--tls`); plain HTTP when absent. */
  tls?: { key: string; cert: string } | undefined;
}

export function createEmulatorServer(deps: ServerDependencies): Server {
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const { path } = splitTarget(req.url ?? '/');
    const isAdmin = path === ADMIN_PREFIX.slice(0, -1) || path.startsWith(ADMIN_PREFIX);
    const handling = isAdmin ? handleAdminRequest(req, res, path === '/_emulator' ? ADMIN_PREFIX : path, deps.admin) : handleApiRequest(req, res, deps.api);
    handling.catch((error: unknown) => {
      deps.api.log?.(`unhandled failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else {
        res.destroy();
      }
    });
  };
  const server = deps.tls ? createHttpsServer({ key: deps.tls.key, cert: deps.tls.cert }, handle) : createServer(handle);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerUnparsable(error, socket));
  return server;
}

/** A request node's parser refused (bad request line, oversized headers): answer in the service's shape and close. */
function answerUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  // An answer already under way (node keeps it as the socket's _httpMessage) must not get a second one mixed in.
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (!socket.writable || error.code === 'ECONNRESET' || answering) {
    socket.destroy();
    return;
  }
  const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'; // a slow client, cut off by server-timeouts.ts
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : timedOut ? 408 : 400;
  const requestId = randomUUID().toUpperCase();
  const body = timedOut
    ? gatewayErrorBody({ requestId, hostId: 'kms-emulator', code: 'RequestTimeout', message: 'The request did not arrive in full within the time-out; the connection is closed.' })
    : gatewayErrorBody({ requestId, hostId: 'kms-emulator', code: 'InvalidParameter', message: `The HTTP request is malformed (${error.code ?? 'parse error'}).` });
  const { contentType, text } = renderBody('XML', 'Error', body);
  const reason = status === 431 ? 'Request Header Fields Too Large' : timedOut ? 'Request Timeout' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `x-acs-request-id: ${requestId}\r\nConnection: close\r\n\r\n${text}`,
  );
}
