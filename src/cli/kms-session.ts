/**
 * The KMS clients of one command run, made from its flags and environment: endpoint override,
 * credentials, the SIGINT signal, and --debug request logs (never a secret). It also keeps the
 * service's clock, read from the Date header of its answers: the service decides when the 7 days have
 * passed, so planning by its clock keeps a skewed CI runner clock from planning a create too early.
 */
import { createKmsClients, type KmsClients } from '../kms/client-factory.js';
import type { KmsRequestEvent } from '../kms/client.js';
import { createCredentialChain } from '../kms/credential-chain.js';
import type { KeyApi, RegionalKeyApis } from '../state/key-api.js';
import type { CommandContext, OptionValues } from './command.js';
import { DEFAULT_PARALLELISM, MAX_PARALLELISM } from './common-options.js';
import { positiveIntegerValue, stringValue } from './parse-command-line.js';

export interface KeyApiSession extends RegionalKeyApis {
  forRegion(region: string): KeyApi;
  /** The service's time (from its latest answer, advanced by local time since), else local time. */
  now(): Date;
  readonly clients: KmsClients;
  close(): Promise<void>;
}

export function openKeyApis(values: OptionValues, ctx: CommandContext): KeyApiSession {
  let serviceOffsetMs: number | undefined;
  const onRequest = (event: KmsRequestEvent): void => {
    if (event.serverDate !== undefined) serviceOffsetMs = event.serverDate.getTime() - Date.now();
    if (ctx.debug) ctx.stderr.write(debugLine(event));
  };
  // --parallelism bounds the keys handled at once and, per endpoint, the requests in flight (adaptive: see adaptive-limiter.ts).
  const maxConcurrency = positiveIntegerValue(values, 'parallelism', DEFAULT_PARALLELISM, MAX_PARALLELISM);
  // Credentials: environment, OIDC, CLI profile (--profile), through @alicloud/credentials; see credential-chain.ts.
  const credentials = createCredentialChain({ env: ctx.env, profile: stringValue(values, 'profile'), stsEndpoint: stringValue(values, 'sts-endpoint') });
  const clients = createKmsClients({ endpoint: stringValue(values, 'endpoint'), env: ctx.env, signal: ctx.signal, onRequest, maxConcurrency, credentials });
  return {
    clients,
    forRegion: (region) => clients.forRegion(region),
    endpointFor: (region) => clients.endpointFor(region),
    now: () => new Date(Date.now() + (serviceOffsetMs ?? 0)),
    close: () => {
      if (ctx.debug) for (const [origin, l] of Object.entries(clients.limiters())) ctx.stderr.write(`[debug] ${origin}: concurrency limit ${l.limit}/${l.max}, lowest ${l.lowest}, ${l.decreases} decreases on throttling\n`);
      return clients.close();
    },
  };
}

function debugLine(event: KmsRequestEvent): string {
  const parts = [
    `[debug] ${event.action}`,
    event.keyId ? `KeyId=${event.keyId}` : undefined,
    `region=${event.region}`,
    `attempt=${event.attempt}`,
    event.status !== undefined ? `status=${event.status}` : undefined,
    event.code ? `code=${event.code}` : undefined,
    event.errorKind ? `error=${event.errorKind}` : undefined,
    event.requestId ? `RequestId=${event.requestId}` : undefined,
    `${event.durationMs}ms`,
    event.retryDelayMs !== undefined ? `retry in ${event.retryDelayMs}ms` : undefined,
  ];
  return `${parts.filter(Boolean).join(' ')}\n`;
}
