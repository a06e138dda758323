/**
 * The one way the CLI, the state reader and the applier get KMS clients: one client per region
 * (cached), one keep-alive pool and one adaptive concurrency limiter per endpoint origin (shared by
 * every region that uses it), and a `close()` that ends them all so the CLI exits promptly.
 */
import { AdaptiveLimiter, type LimiterSnapshot } from './adaptive-limiter.js';
import { KmsClient, type KmsRequestObserver } from './client.js';
import { EnvCredentialsProvider, type CredentialsDescription, type CredentialsProvider } from './credentials.js';
import { endpointForRegion, resolveEndpointOverride, type KmsEndpoint } from './endpoint.js';
import { DEFAULT_CONNECTIONS_PER_ORIGIN, UndiciTransport, type HttpTransport } from './http-transport.js';
import { resolveRetryPolicy, type RetryPolicy, type RetryRuntime } from './retry.js';
import { resolveTimeouts, type KmsTimeouts } from './timeouts.js';
import { defaultUserAgent } from './user-agent.js';

export interface KmsClientsOptions {
  /** One endpoint for every region (the CLI's `--endpoint`); wins over env `KMSCTL_ENDPOINT`. */
  endpoint?: string | undefined;
  /** The environment to read `KMSCTL_ENDPOINT` and credentials from. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Default: the environment provider over `env`. */
  credentials?: CredentialsProvider | undefined;
  timeouts?: Partial<KmsTimeouts> | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  /** Called after every attempt (`--debug` logs, request counts). */
  onRequest?: KmsRequestObserver | undefined;
  userAgent?: string | undefined;
  /** Aborts every call of every client (the CLI's SIGINT signal). */
  signal?: AbortSignal | undefined;
  /** Most connections per endpoint origin. Default 16, or `maxConcurrency` when larger. */
  maxConnectionsPerOrigin?: number | undefined;
  /**
   * Most requests in flight per endpoint origin (the CLI's `--parallelism`): the ceiling of an AIMD
   * limiter that halves on `Throttling` and grows back by one per window of answers. Default 16.
   */
  maxConcurrency?: number | undefined;
  /** Clock, sleep and randomness for tests. */
  runtime?: Partial<RetryRuntime> | undefined;
  /** Replaces the undici transport (tests). Its lifetime is then the caller's: `close()` leaves it open. */
  transport?: HttpTransport | undefined;
}

export interface KmsClients {
  /** The client of a region, created on first use; throws `KmsConfigError('region.invalid')` for a malformed region. */
  forRegion(region: string): KmsClient;
  /** The endpoint URL a region's requests go to (recorded in saved plans). */
  endpointFor(region: string): string;
  /** The validated override, when one is set. */
  readonly endpointOverride: KmsEndpoint | undefined;
  /** Where the credentials come from, with the access key ID masked. */
  describeCredentials(): Promise<CredentialsDescription>;
  /** Each endpoint origin's limiter state (for `--debug` and the benchmark). */
  limiters(): Record<string, LimiterSnapshot>;
  /** Closes every connection pool. Calls made afterwards fail. */
  close(): Promise<void>;
}

/**
 * Checks the options (bad endpoint, plain http to a remote host, bad time-outs: `KmsConfigError`)
 * and returns the clients. Credentials are read at the first request, not here.
 */
export function createKmsClients(options: KmsClientsOptions = {}): KmsClients {
  const env = options.env ?? process.env;
  const override = resolveEndpointOverride({ endpoint: options.endpoint, env });
  const timeouts = resolveTimeouts(options.timeouts);
  const retry = resolveRetryPolicy(options.retry);
  const credentials = options.credentials ?? new EnvCredentialsProvider(env);
  const ownsTransport = options.transport === undefined;
  const maxConcurrency = options.maxConcurrency ?? DEFAULT_CONNECTIONS_PER_ORIGIN;
  new AdaptiveLimiter({ max: maxConcurrency }); // checks it now (KmsConfigError), not at the first request
  const connections = options.maxConnectionsPerOrigin ?? Math.max(DEFAULT_CONNECTIONS_PER_ORIGIN, maxConcurrency);
  const transport = options.transport ?? new UndiciTransport({ connections, connectTimeoutMs: timeouts.connectMs });
  const userAgent = options.userAgent ?? defaultUserAgent();
  const clients = new Map<string, KmsClient>();
  const limiters = new Map<string, AdaptiveLimiter>();
  const limiterFor = (endpoint: KmsEndpoint): AdaptiveLimiter => {
    let limiter = limiters.get(endpoint.origin);
    if (!limiter) {
      limiter = new AdaptiveLimiter({ max: maxConcurrency });
      limiters.set(endpoint.origin, limiter);
    }
    return limiter;
  };

  return {
    endpointOverride: override,
    forRegion(region: string): KmsClient {
      let client = clients.get(region);
      if (!client) {
        const endpoint = endpointForRegion(region, override);
        client = new KmsClient({
          region,
          endpoint,
          credentials,
          transport,
          timeouts,
          retry,
          onRequest: options.onRequest,
          userAgent,
          signal: options.signal,
          runtime: options.runtime,
          limiter: limiterFor(endpoint),
        });
        clients.set(region, client);
      }
      return client;
    },
    endpointFor(region: string): string {
      return endpointForRegion(region, override).url;
    },
    describeCredentials(): Promise<CredentialsDescription> {
      return credentials.describe();
    },
    limiters(): Record<string, LimiterSnapshot> {
      return Object.fromEntries([...limiters].map(([origin, limiter]) => [origin, limiter.snapshot()]));
    },
    async close(): Promise<void> {
      clients.clear();
      if (ownsTransport) await transport.close();
    },
  };
}
