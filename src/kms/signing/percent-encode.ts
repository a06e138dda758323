/**
 * RFC 3986 percent-encoding as Alibaba Cloud's signatures require: UTF-8, only `A-Z a-z 0-9 - _ . ~`
 * left as they are; space is `%20`, `*` is `%2A`, `~` stays.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Parameters sorted by name in code-point order, encoded and joined `k=v&k=v` (Signature excluded). */
export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort(compareCodePoints)
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`)
    .join('&');
}

/** Code-point order (not locale order), as the service sorts parameter names. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
