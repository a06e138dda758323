/** An HttpTransport that answers from a script, for unit tests of the client's logic (the undici transport has its own real-server tests). */
import { HttpFailure, type HttpRequest, type HttpResponse, type HttpTransport } from '../../../src/kms/http-transport.js';
import type { RetryRuntime } from '../../../src/kms/retry.js';

export type Step = HttpResponse | HttpFailure | ((request: HttpRequest) => Promise<HttpResponse>);

export class ScriptedTransport implements HttpTransport {
  readonly requests: HttpRequest[] = [];
  readonly #steps: Step[];
  readonly #fallback: Step | undefined;
  closed = false;

  constructor(steps: Step[], fallback?: Step) {
    this.#steps = [...steps];
    this.#fallback = fallback;
  }

  /**
   * The form parameters of each request, decoded, with a V3 request's headers under their V1 names
   * (Action, AccessKeyId, SignatureNonce, Timestamp, SecurityToken, Signature), so tests read either version alike.
   */
  get params(): Record<string, string>[] {
    return this.requests.map((r) => {
      const params = Object.fromEntries(new URLSearchParams(r.body));
      const h = r.headers;
      const v3: Record<string, string | undefined> = {
        Action: h['x-acs-action'],
        Timestamp: h['x-acs-date'],
        SignatureNonce: h['x-acs-signature-nonce'],
        SecurityToken: h['x-acs-security-token'],
        AccessKeyId: /Credential=([^,]+)/.exec(h['authorization'] ?? '')?.[1],
        Signature: /Signature=([0-9a-f]+)/.exec(h['authorization'] ?? '')?.[1],
      };
      for (const [name, value] of Object.entries(v3)) if (value !== undefined) params[name] = value;
      return params;
    });
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const step = this.#steps.shift() ?? this.#fallback;
    if (step === undefined) throw new Error('the script ran out');
    if (step instanceof HttpFailure) throw step;
    if (typeof step === 'function') return step(request);
    return step;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export function json(status: number, body: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function serviceError(status: number, code: string): HttpResponse {
  return json(status, { RequestId: `req-${code}`, HostId: 'kms.test', Code: code, Message: `${code} message` });
}

/** A clock that only moves when the client sleeps (or the test moves it), and a fixed random draw. */
export class FakeRuntime implements RetryRuntime {
  time = Date.UTC(2026, 10, 22, 4, 41, 58);
  readonly sleeps: number[] = [];
  draw = 0.5;

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.time += ms;
  }

  random(): number {
    return this.draw;
  }
}
