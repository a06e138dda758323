/**
 * Writes answers the way the service does: JSON when `Format` is json (any case), XML otherwise, with
 * the root element named after the action (`<DescribeKeyResponse>`), or `<KMS>` / `<Error>` for errors
 * (error-forms.ts). Arrays follow the service's nesting: `{"KeyVersions":{"KeyVersion":[...]}}` is
 * `<KeyVersions><KeyVersion>..</KeyVersion><KeyVersion>..</KeyVersion></KeyVersions>` in XML.
 */
import type { ServerResponse } from 'node:http';

export type ResponseFormat = 'JSON' | 'XML';

/**
 * A response body: an object of strings, numbers, booleans, nested objects and arrays (the wire types
 * of ../kms/wire/types.ts). Typed as `object` because those are interfaces, which have no index signature.
 */
export type WireBody = object;

/** The Format of a request: JSON for `json` in any case, XML for absent or `xml`; anything else is undefined. */
export function parseFormat(value: string | undefined, fallback: ResponseFormat): ResponseFormat | undefined {
  if (value === undefined || value === '') return fallback;
  const upper = value.toUpperCase();
  return upper === 'JSON' || upper === 'XML' ? upper : undefined;
}

export function renderBody(format: ResponseFormat, rootName: string, body: WireBody): { contentType: string; text: string } {
  if (format === 'JSON') return { contentType: 'application/json;charset=utf-8', text: JSON.stringify(body) };
  return {
    contentType: 'text/xml;charset=utf-8',
    text: `<?xml version="1.0" encoding="UTF-8"?>\n<${rootName}>${xmlChildren(body)}</${rootName}>`,
  };
}

export function sendBody(res: ServerResponse, status: number, format: ResponseFormat, rootName: string, body: WireBody, requestId: string): void {
  const { contentType, text } = renderBody(format, rootName, body);
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('x-acs-request-id', requestId);
  res.end(text);
}

function xmlChildren(value: object): string {
  let out = '';
  for (const [name, child] of Object.entries(value) as [string, unknown][]) {
    if (child === undefined) continue;
    const items: unknown[] = Array.isArray(child) ? child : [child];
    for (const item of items) out += `<${name}>${xmlValue(item)}</${name}>`;
  }
  return out;
}

function xmlValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(xmlValue).join('');
  if (typeof value === 'object') return xmlChildren(value);
  return escapeXml(String(value));
}

/** Escapes markup and replaces characters XML 1.0 cannot carry (control characters, lone surrogates). */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
