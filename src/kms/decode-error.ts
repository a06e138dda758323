/**
 * Reads the service's error body, JSON (`{"RequestId","HostId","Code","Message","Recommend"}`) or the
 * XML form (`<Error>` / `<KMS>` with the same fields). Anything else is not a service error.
 */

export interface ServiceErrorFields {
  code: string;
  message: string;
  requestId: string;
  hostId: string | undefined;
  recommend: string | undefined;
}

/** The service error in a body, or undefined when the body is not one (HTML, empty, garbled). */
export function parseServiceError(body: string): ServiceErrorFields | undefined {
  const text = body.trim();
  if (text.startsWith('{')) return fromJson(text);
  if (text.startsWith('<')) return fromXml(text);
  return undefined;
}

function fromJson(text: string): ServiceErrorFields | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const code = field(o.Code);
  if (code === undefined) return undefined;
  return { code, message: field(o.Message) ?? '', requestId: field(o.RequestId) ?? '', hostId: field(o.HostId), recommend: field(o.Recommend) };
}

function fromXml(text: string): ServiceErrorFields | undefined {
  if (!/<(Error|KMS)[\s>]/.test(text)) return undefined;
  const code = xmlField(text, 'Code');
  if (code === undefined) return undefined;
  return { code, message: xmlField(text, 'Message') ?? '', requestId: xmlField(text, 'RequestId') ?? '', hostId: xmlField(text, 'HostId'), recommend: xmlField(text, 'Recommend') };
}

function field(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function xmlField(text: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(text);
  const raw = match?.[1] ?? match?.[2];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw
    .trim()
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
