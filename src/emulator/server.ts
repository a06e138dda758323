/**
 * The HTTP server: routes `/_emulator/...` to the admin endpoints and everything else to the KMS API.
 * A handler that fails unexpectedly, or a request node cannot even parse, still gets an answer in the
 * service's error shape; the server keeps serving.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ADMIN_PREFIX, handleAdminRequest, type AdminDependencies } from './admin.js';
import { handleApiRequest, type ApiDependencies } from './api-handler.js';
import { splitTarget } from './request-parser.js';
import { errorBody, renderBody } from './responses.js';

export interface ServerDependencies {
  api: ApiDependencies;
  admin: AdminDependencies;
}

export function createEmulatorServer(deps: ServerDependencies): Server {
  const server = createServer((req, res) => {
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
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerUnparsable(error, socket));
  return server;
}

/** A request node's parser refused (bad request line, oversized headers): answer in the service's shape and close. */
function answerUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const requestId = randomUUID().toUpperCase();
  const body = errorBody(requestId, 'kms-emulator', 'InvalidParameter', `The HTTP request is malformed (${error.code ?? 'parse error'}).`);
  const { contentType, text } = renderBody('XML', 'Error', body);
  const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `x-acs-request-id: ${requestId}\r\nConnection: close\r\n\r\n${text}`,
  );
}
