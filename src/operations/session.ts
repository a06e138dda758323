/**
 * The KMS clients of one run, made from its connection flags, its accounts and its environment: a client
 * per (account, region), each paced to that pair's quotas, each account reached with its own credentials
 * (a role assumed from the run's base credentials, or a CLI profile); the endpoint override, signing,
 * quota overrides, the SIGINT signal, --debug request logs (never a secret), a warning when an endpoint
 * does not answer and the client retries, and the service's clock, read from the Date header of its
 * answers: the service decides when the 7 days have passed, so planning by its clock keeps a skewed CI
 * runner clock from planning a create too early.
 */
import { createKmsClients, type KmsAccountSpec, type KmsClients } from '../kms/client-factory.js';
import type { KmsRequestEvent } from '../kms/client.js';
import { createCredentialChain } from '../kms/credential-chain.js';
import type { Credentials, CredentialsProvider } from '../kms/credentials.js';
import type { QuotaOverrides } from '../kms/pair-traffic.js';
import type { SignatureVersion } from '../kms/request-signer.js';
import type { KeyApi, KeyApis, KeyLocation } from '../state/key-api.js';

/** The run's accounts by name, as the client takes them: only those the run's keys use. */
export type SessionAccounts = Readonly<Record<string, KmsAccountSpec>>;

export interface KmsSession extends KeyApis {
  /** The client of a location: its account's credentials, its region's endpoint, that pair's quotas. */
  forLocation(location: KeyLocation): KeyApi;
  /** The endpoint a location's requests go to (recorded in saved plans). */
  endpointFor(location: KeyLocation): string;
  /** The base identity's client of a region (`import` without `--account`). */
  forRegion(region: string): KeyApi;
  /** The service's time (from its latest answer, advanced by local time since), else local time. */
  now(): Date;
  /** The accounts this session speaks as, by name (the base identity is not among them). */
  readonly accounts: SessionAccounts;
  readonly clients: KmsClients;
  close(): Promise<void>;
}

/** How to reach KMS: the connection flags (src/cli/arguments/connection-args.ts) have this shape. */
export interface ConnectionOptions {
  endpoint: string | undefined;
  profile: string | undefined;
  stsEndpoint: string | undefined;
  /** Keys handled at once, and the most requests in flight over the run. */
  parallelism: number;
  signatureVersion: SignatureVersion;
  /** Undefined: KMSCTL_QUOTAS, else the published figures. */
  quotas: QuotaOverrides | undefined;
}

export interface SessionHooks {
  env: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal;
  /** `--debug`: a line per request attempt. */
  debug?: ((line: string) => void) | undefined;
  /** Once per endpoint: it could not be reached and the client is trying again. */
  unreachable?: ((endpoint: string, detail: string) => void) | undefined;
  /** Every access key ID the base credentials provide, so that output can mask it. */
  accessKeyId?: ((id: string) => void) | undefined;
}

/**
 * Opens the clients. A bad endpoint, quota figure or account spec is a `KmsConfigError` raised here,
 * before any request; credentials are obtained at each account's first request.
 */
export function openSession(connection: ConnectionOptions, hooks: SessionHooks, accounts: SessionAccounts = {}): KmsSession {
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
  // --parallelism bounds the requests in flight over the run and each pair's adaptive limiter (see client-factory.ts).
  const clients = createKmsClients({
    endpoint: connection.endpoint,
    env: hooks.env,
    signal: hooks.signal,
    onRequest,
    maxConcurrency: connection.parallelism,
    credentials,
    accounts,
    stsEndpoint: connection.stsEndpoint,
    signatureVersion: connection.signatureVersion,
    quotas: connection.quotas,
  });
  return {
    clients,
    accounts,
    forLocation: (location) => clients.forLocation(location),
    endpointFor: (location) => clients.endpointFor(location),
    forRegion: (region) => clients.forRegion(region),
    now: () => new Date(Date.now() + (serviceOffsetMs ?? 0)),
    close: () => {
      if (hooks.debug) for (const [pair, l] of Object.entries(clients.limiters())) hooks.debug(`[debug] ${pair}: concurrency limit ${l.limit}/${l.max}, lowest ${l.lowest}, ${l.decreases} decreases on throttling\n`);
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
