/**
 * The KMS clients of one run, made from its connection flags and environment: endpoint override,
 * credentials, the SIGINT signal, --debug request logs (never a secret), a warning when an endpoint does
 * not answer and the client retries, and the service's clock, read from the Date header of its answers:
 * the service decides when the 7 days have passed, so planning by its clock keeps a skewed CI runner
 * clock from planning a create too early.
 */
import { createKmsClients, type KmsClients } from '../kms/client-factory.js';
import type { KmsRequestEvent } from '../kms/client.js';
import { createCredentialChain } from '../kms/credential-chain.js';
import type { Credentials, CredentialsProvider } from '../kms/credentials.js';
import type { KeyApi, RegionalKeyApis } from '../state/key-api.js';

export interface KmsSession extends RegionalKeyApis {
  forRegion(region: string): KeyApi;
  /** The service's time (from its latest answer, advanced by local time since), else local time. */
  now(): Date;
  readonly clients: KmsClients;
  close(): Promise<void>;
}

/** How to reach KMS: the connection flags (src/cli/arguments/connection-args.ts) have this shape. */
export interface ConnectionOptions {
  endpoint: string | undefined;
  profile: string | undefined;
  stsEndpoint: string | undefined;
  /** Keys handled at once, and the most requests in flight to an endpoint. */
  parallelism: number;
}

export interface SessionHooks {
  env: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal;
  /** `--debug`: a line per request attempt. */
  debug?: ((line: string) => void) | undefined;
  /** Once per endpoint: it could not be reached and the client is trying again. */
  unreachable?: ((endpoint: string, detail: string) => void) | undefined;
  /** Every access key ID the credentials provide, so that output can mask it. */
  accessKeyId?: ((id: string) => void) | undefined;
}

export function openSession(connection: ConnectionOptions, hooks: SessionHooks): KmsSession {
  let serviceOffsetMs: number | undefined;
  const warned = new Set<string>();
  const onRequest = (event: KmsRequestEvent): void => {
    if (event.serverDate !== undefined) serviceOffsetMs = event.serverDate.getTime() - Date.now();
    hooks.debug?.(debugLine(event));
    if (event.errorKind === 'connect' && event.retryDelayMs !== undefined && !warned.has(event.endpoint)) {
      warned.add(event.endpoint);
      hooks.unreachable?.(event.endpoint, `${event.action} could not connect; trying again for a few seconds`);
    }
  };
  // Credentials: environment, OIDC, CLI profile (--profile), through @alicloud/credentials; see credential-chain.ts.
  const chain = createCredentialChain({ env: hooks.env, profile: connection.profile, stsEndpoint: connection.stsEndpoint });
  const credentials = recordingIds(chain, hooks.accessKeyId);
  // --parallelism bounds the keys handled at once and, per endpoint, the requests in flight (adaptive: see adaptive-limiter.ts).
  const clients = createKmsClients({ endpoint: connection.endpoint, env: hooks.env, signal: hooks.signal, onRequest, maxConcurrency: connection.parallelism, credentials });
  return {
    clients,
    forRegion: (region) => clients.forRegion(region),
    endpointFor: (region) => clients.endpointFor(region),
    now: () => new Date(Date.now() + (serviceOffsetMs ?? 0)),
    close: () => {
      if (hooks.debug) for (const [origin, l] of Object.entries(clients.limiters())) hooks.debug(`[debug] ${origin}: concurrency limit ${l.limit}/${l.max}, lowest ${l.lowest}, ${l.decreases} decreases on throttling\n`);
      return clients.close();
    },
  };
}

/** The chain, telling `record` each access key ID it hands out (the ID only: never the secret or token). */
function recordingIds(provider: CredentialsProvider, record: ((id: string) => void) | undefined): CredentialsProvider {
  if (record === undefined) return provider;
  return {
    getCredentials: async (): Promise<Credentials> => {
      const credentials = await provider.getCredentials();
      record(credentials.accessKeyId);
      return credentials;
    },
    describe: () => provider.describe(),
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
