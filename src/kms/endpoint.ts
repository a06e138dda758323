/**
 * Where a region's requests go: `https://kms.<region>.aliyuncs.com`, or one override for every region
 * (the CLI's `--endpoint`, else env `KMSCTL_ENDPOINT`). Plain http is refused except to loopback, so
 * credentials and signed requests never cross a network in clear text.
 */
import { BlockList, isIP } from 'node:net';
import { KmsConfigError } from './errors.js';
import { escapeControlCharacters } from './redact.js';

/** The environment variable that overrides the endpoint of every region. */
export const ENDPOINT_ENV_VAR = 'KMSCTL_ENDPOINT';

const REGION_PATTERN = /^[a-z]{2,}-[a-z0-9-]+$/;

/** A validated endpoint: `origin` selects the connection pool, `path` is where requests are POSTed. */
export interface KmsEndpoint {
  /** `https://kms.cn-hangzhou.aliyuncs.com` or `http://127.0.0.1:8080`, no trailing slash. */
  origin: string;
  /** `/` unless the override names a path (behind a gateway). */
  path: string;
  /** The endpoint as shown in messages and events: origin plus path when it is not `/`. */
  url: string;
}

/** True for a region name of the service's shape (`cn-hangzhou`, `ap-southeast-1`, `us-west-1`). */
export function isValidRegion(region: string): boolean {
  return REGION_PATTERN.test(region);
}

/** Throws `KmsConfigError('region.invalid')` quoting the value when it is not a region name. */
export function assertValidRegion(region: string): void {
  if (!isValidRegion(region)) {
    throw new KmsConfigError('region.invalid', `invalid region ${JSON.stringify(region)}: expected a region ID such as "cn-hangzhou" or "ap-southeast-1"`);
  }
}

/** The public endpoint of a region. */
export function regionEndpoint(region: string): KmsEndpoint {
  assertValidRegion(region);
  const origin = `https://kms.${region}.aliyuncs.com`;
  return { origin, path: '/', url: origin };
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** True for `localhost`, 127.0.0.0/8, `::1` (with or without brackets) and IPv4-mapped 127.x. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const lower = host.toLowerCase();
  if (lower === 'localhost') return true;
  const family = isIP(lower);
  if (family === 4) return loopback.check(lower, 'ipv4');
  if (family === 6) return loopback.check(lower, 'ipv6');
  return false;
}

/**
 * Parses and checks an endpoint override: an absolute http(s) URL, no credentials, query or fragment,
 * and plain `http://` only to a loopback host. Throws `KmsConfigError` with code `endpoint.invalid`
 * or `endpoint.insecure`.
 */
export function parseEndpointOverride(value: string, source = '--endpoint'): KmsEndpoint {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new KmsConfigError('endpoint.invalid', `invalid endpoint ${quoteUrl(text)} (from ${source}): expected an absolute URL such as "https://kms.cn-hangzhou.aliyuncs.com" or "http://127.0.0.1:8080"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KmsConfigError('endpoint.invalid', `invalid endpoint ${quoteUrl(text)} (from ${source}): the scheme must be https or http, not ${JSON.stringify(url.protocol.slice(0, -1))}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new KmsConfigError('endpoint.invalid', `invalid endpoint (from ${source}): it must not contain a user name or password`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new KmsConfigError('endpoint.invalid', `invalid endpoint ${JSON.stringify(url.origin + url.pathname)} (from ${source}): it must not have a query string or fragment`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new KmsConfigError(
      'endpoint.insecure',
      `refusing plain http endpoint ${JSON.stringify(url.origin)} (from ${source}): credentials and signed requests would travel in clear text; use https, or http only to a loopback address (127.0.0.1, ::1, localhost)`,
    );
  }
  const path = url.pathname === '' ? '/' : url.pathname;
  return { origin: url.origin, path, url: path === '/' ? url.origin : `${url.origin}${path}` };
}

/**
 * A URL as it may be quoted in a message: whatever stands before the last `@` of its authority (a user
 * name and password) replaced by `***`, control characters escaped, and JSON-quoted. It works on the
 * text, not on a parsed URL, so a URL that does not parse (port 99999, an unclosed `[::1`) is quoted
 * safely too.
 */
export function quoteUrl(text: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/|\/\/)?([^/?#]*)([\s\S]*)$/i.exec(text);
  let shown = text;
  if (match) {
    const [, scheme = '', authority = '', rest = ''] = match;
    const at = authority.lastIndexOf('@');
    shown = at < 0 ? text : `${scheme}***@${authority.slice(at + 1)}${rest}`;
  }
  return JSON.stringify(escapeControlCharacters(shown));
}

export interface EndpointOverrideInput {
  /** The explicit override (the CLI's `--endpoint`); wins over the environment. */
  endpoint?: string | undefined;
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** The validated override from the option, else from `KMSCTL_ENDPOINT`, else undefined (use each region's endpoint). */
export function resolveEndpointOverride(input: EndpointOverrideInput): KmsEndpoint | undefined {
  if (input.endpoint !== undefined && input.endpoint.trim() !== '') return parseEndpointOverride(input.endpoint, '--endpoint');
  const fromEnv = input.env?.[ENDPOINT_ENV_VAR];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseEndpointOverride(fromEnv, ENDPOINT_ENV_VAR);
  return undefined;
}

/** The endpoint a region's requests go to: the override when there is one, else the region's own. */
export function endpointForRegion(region: string, override: KmsEndpoint | undefined): KmsEndpoint {
  assertValidRegion(region);
  return override ?? regionEndpoint(region);
}
