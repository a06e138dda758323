/**
 * Turns an HTTP request into the parameters an RPC call carries: the query string and, for POST, an
 * `application/x-www-form-urlencoded` body. Decoding is strict (bad percent-encoding, invalid UTF-8
 * and repeated names are the caller's errors, answered as InvalidParameter), because a lenient decoder
 * would verify a signature over something other than what the client signed.
 */
import type { IncomingMessage } from 'node:http';
import { KmsServiceError } from './errors.js';

/** Bodies larger than this are refused: no KMS call comes close. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ParsedRequest {
  method: string;
  /** The path without the query, e.g. `/`. */
  path: string;
  /** Query parameters, decoded. */
  query: Record<string, string>;
  /** Form body parameters, decoded. */
  form: Record<string, string>;
  /** The union of both: what an RPC call's parameters are. */
  params: Record<string, string>;
  /** Header names lower-cased; repeated headers joined by `,` as node does. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Splits `req.url` into path and raw query, accepting origin-form and absolute-form targets. */
export function splitTarget(target: string): { path: string; rawQuery: string } {
  let rest = target;
  if (!rest.startsWith('/')) {
    const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
    rest = match ? rest.slice(match[0].length) || '/' : `/${rest}`;
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  return q < 0 ? { path: rest, rawQuery: '' } : { path: rest.slice(0, q), rawQuery: rest.slice(q + 1) };
}

/** Past this, an oversized body is not even drained: the connection is dropped after the answer. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads the body, refusing more than `limit` bytes (413) without buffering the excess. The excess is
 * drained (up to 64 MiB) before the answer, so the client reads a clean error instead of a reset.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) return Promise.reject(tooLarge(limit));
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  if (req.destroyed) return Promise.reject(prematureClose());
  // Listeners rather than `for await`: the async iterator costs more CPU than the rest of reading a
  // request of a few hundred bytes. It ends the same ways: the body, 413, or the stream's error.
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        // Not drained any further: the connection goes (as leaving a `for await` early destroys the stream).
        finish();
        req.destroy();
        reject(tooLarge(limit));
        return;
      }
      if (size <= limit) chunks.push(chunk);
    };
    const onEnd = (): void => {
      finish();
      if (size > limit) reject(tooLarge(limit));
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    };
    const onError = (error: Error): void => {
      finish();
      reject(error);
    };
    const onClose = (): void => {
      finish();
      reject(prematureClose());
    };
    const finish = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Decodes `a=1&b=x%20y` strictly: `+` is a space, a malformed escape or a repeated name is an error. */
export function decodeParams(text: string, where: string): Record<string, string> {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq), where);
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1), where);
    if (name === '') continue;
    if (Object.hasOwn(params, name)) throw new KmsServiceError('InvalidParameter', `The parameter "${name}" appears more than once in the ${where}.`);
    params[name] = value;
  }
  return params;
}

/** Builds the parsed request from the raw parts; the body is read by the caller. */
export function parseRequest(req: IncomingMessage, body: Buffer): ParsedRequest {
  const { path, rawQuery } = splitTarget(req.url ?? '/');
  const query = decodeParams(rawQuery, 'query string');
  const form = body.length > 0 ? decodeParams(decodeFormBody(req, body), 'form body') : {};
  const params: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, query);
  for (const name of Object.keys(form)) {
    if (Object.hasOwn(params, name)) throw new KmsServiceError('InvalidParameter', `The parameter "${name}" appears both in the query string and in the form body.`);
    params[name] = form[name] as string;
  }
  const headers: Record<string, string> = {};
  for (const name of Object.keys(req.headers)) {
    const value = req.headers[name];
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return { method: (req.method ?? 'GET').toUpperCase(), path, query, form, params, headers, body };
}

/** One decoder for every request: a fatal decoder holds no state between whole-buffer calls, even after a failure. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeFormBody(req: IncomingMessage, body: Buffer): string {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== '' && type !== 'application/x-www-form-urlencoded') {
    throw new KmsServiceError('InvalidParameter', `The Content-Type "${type}" is not supported; RPC parameters go in an application/x-www-form-urlencoded body.`);
  }
  try {
    return UTF8.decode(body);
  } catch {
    throw new KmsServiceError('InvalidParameter', 'The form body is not valid UTF-8.');
  }
}

function decodeComponent(text: string, where: string): string {
  // Most names and values hold neither `%` nor `+`, and decode to themselves.
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new KmsServiceError('InvalidParameter', `The ${where} has a malformed percent-encoding or invalid UTF-8 near ${JSON.stringify(text.slice(0, 40))}.`);
  }
}

/** The stream closed before its end, as node's stream utilities report it. */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

function tooLarge(limit: number): KmsServiceError {
  return new KmsServiceError('InvalidParameter', `The request body is larger than ${limit} bytes.`, 413);
}
