/**
 * The one way the CLI, the state reader and the applier get KMS clients: one client per (account,
 * region) pair, created on first use. The service keeps its quotas per account and region, so each pair
 * has its own pacers and adaptive limiter (pair-traffic.ts); one bound on requests in flight keeps the
 * whole run within the machine; connections are pooled per endpoint origin; and `close()` ends them all
 * so the CLI exits promptly.
 *
 * An account is an opaque name with its credential spec: the run's base identity (no spec), a CLI
 * profile, or a role assumed with STS AssumeRole from the base credentials. Account names are the
 * config's; `undefined` is the base identity.
 */
import { AssumedRoleCredentialsProvider } from './assumed-role-credentials.js';
import type { LimiterSnapshot } from './adaptive-limiter.js';
import { accountKey, checkAccountSpec, type KmsAccountSpec } from './account-spec.js';
import { KmsClient, type KmsRequestObserver } from './client.js';
import { ConcurrencyBound } from './concurrency-bound.js';
import { EnvCredentialsProvider, type CredentialsDescription, type CredentialsProvider } from './credentials.js';
import { endpointForRegion, resolveEndpointOverride, type KmsEndpoint } from './endpoint.js';
import { KmsConfigError } from './errors.js';
import { DEFAULT_CONNECTIONS_PER_ORIGIN, UndiciTransport, type HttpTransport } from './http-transport.js';
import { PairTraffic, parseQuotaOverrides, QUOTAS_ENV_VAR, resolveQuotaFigures, type PairTrafficSnapshot, type QuotaOverrides } from './pair-traffic.js';
import { resolveSignatureVersion, type SignatureVersion } from './request-signer.js';
import { resolveRetryPolicy, resolveRuntime, type RetryPolicy, type RetryRuntime } from './retry.js';
import { StsClient } from './sts-client.js';
import { resolveStsEndpoint, type StsEndpoint } from './sts-endpoint.js';
import { resolveTimeouts, type KmsTimeouts } from './timeouts.js';
import type { CallerIdentity, WithRequestId } from './types.js';
import { defaultUserAgent } from './user-agent.js';

export type { KmsAccountSpec } from './account-spec.js';

/** Where a key lives: an account of the run (undefined: the base identity) and a region. */
export interface KmsLocation {
  account: string | undefined;
  region: string;
}

export interface KmsClientsOptions {
  /** One endpoint for every region (the CLI's `--endpoint`); wins over env `KMSCTL_ENDPOINT`. */
  endpoint?: string | undefined;
  /** The environment to read `KMSCTL_ENDPOINT`, `KMSCTL_STS_ENDPOINT` and credentials from. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The run's base identity. Default: the environment provider over `env`. */
  credentials?: CredentialsProvider | undefined;
  /** The accounts of the run by name, each with how to reach it. Without them, everything runs as the base identity. */
  accounts?: Readonly<Record<string, KmsAccountSpec>> | undefined;
  /** Where STS calls go (`--sts-endpoint`); else `KMSCTL_STS_ENDPOINT`, else the public endpoint. */
  stsEndpoint?: string | undefined;
  /** How an account's `profile` becomes credentials. Default: the CLI profile of that name (~/.aliyun/config.json). */
  profileCredentials?: ((profile: string) => CredentialsProvider) | undefined;
  /** The home directory the default profile reader looks in. Default: HOME of `env`. */
  homeDir?: string | undefined;
  /** `v3` (ACS3-HMAC-SHA256, the default, as the current official SDKs) or `v1` (HMAC-SHA1). */
  signatureVersion?: SignatureVersion | undefined;
  /**
   * Requests per second per quota group, overriding the published figures each (account, region) pair
   * is paced to (`PUBLISHED_QUOTAS`): for accounts with other quotas, or `'unlimited'` for a dedicated
   * gateway. Throttling lowers a group's pace on its own, so an account with lower quotas needs none.
   * Default: env `KMSCTL_QUOTAS` (`unlimited`, or `key-read=20,key-write=10`), else the published figures.
   */
  quotas?: QuotaOverrides | undefined;
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
   * Most requests in flight (the CLI's `--parallelism`): across the whole run, and the ceiling of each
   * pair's AIMD limiter, which halves on throttling and grows back by one per window of answers. Default 16.
   */
  maxConcurrency?: number | undefined;
  /** Clock, sleep and randomness for tests (the pacers use its clock and sleep too). */
  runtime?: Partial<RetryRuntime> | undefined;
  /** Replaces the undici transport (tests). Its lifetime is then the caller's: `close()` leaves it open. */
  transport?: HttpTransport | undefined;
}

export interface KmsClients {
  /** The client of a pair, created on first use. `KmsConfigError`: a malformed region (`region.invalid`) or an unknown account (`account.unknown`). */
  forLocation(location: KmsLocation): KmsClient;
  /** The same, by account name (undefined: the base identity) and region. */
  forAccount(account: string | undefined, region: string): KmsClient;
  /** The base identity's client of a region. */
  forRegion(region: string): KmsClient;
  /** The endpoint URL a region's (or a location's) requests go to (recorded in saved plans). */
  endpointFor(where: string | KmsLocation): string;
  /** The validated override, when one is set. */
  readonly endpointOverride: KmsEndpoint | undefined;
  /** The accounts the run knows, by name. */
  accountNames(): string[];
  /** Where an account's credentials come from (default: the base identity's), with the access key ID masked. */
  describeCredentials(account?: string): Promise<CredentialsDescription>;
  /** STS GetCallerIdentity with an account's credentials (default: the base identity's), for `kmsctl doctor`. */
  getCallerIdentity(account?: string, signal?: AbortSignal): Promise<WithRequestId<CallerIdentity>>;
  /** The STS endpoint kmsctl's own STS calls go to. */
  stsEndpoint(): StsEndpoint;
  /** Each pair's pacers and limiter, keyed `account/region` (`-` for the base identity), for `--debug` and the benchmark. */
  traffic(): Record<string, PairTrafficSnapshot>;
  /** Each pair's limiter, keyed as `traffic()`. */
  limiters(): Record<string, LimiterSnapshot>;
  /** The most requests that were in flight at once across the run. */
  peakInFlight(): number;
  /** Closes every connection pool. Calls made afterwards fail. */
  close(): Promise<void>;
}

/**
 * Checks the options (bad endpoint, plain http to a remote host, bad time-outs, quotas or accounts:
 * `KmsConfigError`) and returns the clients. Credentials are read at a pair's first request, not here.
 */
export function createKmsClients(options: KmsClientsOptions = {}): KmsClients {
  const env = options.env ?? process.env;
  const override = resolveEndpointOverride({ endpoint: options.endpoint, env });
  const timeouts = resolveTimeouts(options.timeouts);
  const retry = resolveRetryPolicy(options.retry);
  const runtime = resolveRuntime(options.runtime);
  const signatureVersion = resolveSignatureVersion(options.signatureVersion);
  const figures = resolveQuotaFigures(options.quotas ?? parseQuotaOverrides(env[QUOTAS_ENV_VAR]));
  const base = options.credentials ?? new EnvCredentialsProvider(env);
  const accounts = new Map<string, KmsAccountSpec>();
  for (const [name, spec] of Object.entries(options.accounts ?? {})) accounts.set(name, checkAccountSpec(name, spec));
  const ownsTransport = options.transport === undefined;
  const maxConcurrency = options.maxConcurrency ?? DEFAULT_CONNECTIONS_PER_ORIGIN;
  const bound = new ConcurrencyBound(maxConcurrency); // checks it now (KmsConfigError), not at the first request
  const connections = options.maxConnectionsPerOrigin ?? Math.max(DEFAULT_CONNECTIONS_PER_ORIGIN, maxConcurrency);
  const transport = options.transport ?? new UndiciTransport({ connections, connectTimeoutMs: timeouts.connectMs });
  const userAgent = options.userAgent ?? defaultUserAgent();
  // The pacers need a monotonic clock, unless a test injects one that its sleeps move.
  const paceClock = options.runtime?.now ? () => runtime.now() : () => performance.now();
  let sts: StsEndpoint | undefined;
  const stsEndpoint = (): StsEndpoint => (sts ??= resolveStsEndpoint({ flag: options.stsEndpoint, env, allowLoopbackHttp: true }));
  const stsClient = (credentials: CredentialsProvider): StsClient =>
    new StsClient({ endpoint: stsEndpoint(), credentials, transport, timeouts, retry, runtime, userAgent, signatureVersion, onRequest: options.onRequest, signal: options.signal });

  const providers = new Map<string, CredentialsProvider>();
  const credentialsOf = (account: string | undefined): CredentialsProvider => {
    if (account === undefined) return base;
    let provider = providers.get(account);
    if (provider === undefined) {
      const spec = accounts.get(account);
      if (spec === undefined) throw unknownAccount(account, [...accounts.keys()]);
      provider = accountProvider(account, spec);
      providers.set(account, provider);
    }
    return provider;
  };
  const accountProvider = (account: string, spec: KmsAccountSpec): CredentialsProvider => {
    if (spec.roleArn !== undefined) {
      return new AssumedRoleCredentialsProvider({
        account,
        roleArn: spec.roleArn,
        externalId: spec.externalId,
        sessionName: spec.sessionName,
        durationSeconds: spec.durationSeconds,
        sts: stsClient(spec.profile === undefined ? base : profileProvider(spec.profile)),
        now: () => runtime.now(),
      });
    }
    if (spec.profile !== undefined) return profileProvider(spec.profile);
    return base;
  };
  const profileProvider = (profile: string): CredentialsProvider => options.profileCredentials?.(profile) ?? new LazyProfileCredentials({ env, profile, stsEndpoint: options.stsEndpoint, homeDir: options.homeDir });

  const clients = new Map<string, KmsClient>();
  const pairs = new Map<string, PairTraffic>();
  const forLocation = ({ account, region }: KmsLocation): KmsClient => {
    const key = `${accountKey(account)}/${region}`;
    let client = clients.get(key);
    if (!client) {
      const endpoint = endpointForRegion(region, override);
      const credentials = credentialsOf(account);
      let traffic = pairs.get(key);
      if (!traffic) {
        traffic = new PairTraffic({ figures, maxConcurrency, now: paceClock, sleep: (ms, signal) => runtime.sleep(ms, signal) });
        pairs.set(key, traffic);
      }
      client = new KmsClient({ region, endpoint, credentials, transport, timeouts, retry, onRequest: options.onRequest, userAgent, signal: options.signal, runtime, signatureVersion, traffic, bound });
      clients.set(key, client);
    }
    return client;
  };

  return {
    endpointOverride: override,
    forLocation,
    forAccount: (account, region) => forLocation({ account, region }),
    forRegion: (region) => forLocation({ account: undefined, region }),
    endpointFor(where: string | KmsLocation): string {
      return endpointForRegion(typeof where === 'string' ? where : where.region, override).url;
    },
    accountNames: () => [...accounts.keys()],
    describeCredentials(account?: string): Promise<CredentialsDescription> {
      return credentialsOf(account).describe();
    },
    getCallerIdentity(account?: string, signal?: AbortSignal): Promise<WithRequestId<CallerIdentity>> {
      return stsClient(credentialsOf(account)).getCallerIdentity(signal);
    },
    stsEndpoint,
    traffic: () => Object.fromEntries([...pairs].map(([key, pair]) => [key, pair.snapshot()])),
    limiters: () => Object.fromEntries([...pairs].map(([key, pair]) => [key, pair.limiter.snapshot()])),
    peakInFlight: () => bound.peak,
    async close(): Promise<void> {
      clients.clear();
      if (ownsTransport) await transport.close();
    },
  };
}

function unknownAccount(account: string, known: string[]): KmsConfigError {
  const names = known.length === 0 ? 'none is declared' : `the accounts are ${known.map((n) => JSON.stringify(n)).join(', ')}`;
  return new KmsConfigError('account.unknown', `unknown account ${JSON.stringify(account)}: ${names}`);
}

/** A CLI profile's credentials, through the credential chain with that profile named (loaded at first use). */
class LazyProfileCredentials implements CredentialsProvider {
  readonly #options: { env: Readonly<Record<string, string | undefined>>; profile: string; stsEndpoint: string | undefined; homeDir: string | undefined };
  #chain: Promise<CredentialsProvider> | undefined;

  constructor(options: { env: Readonly<Record<string, string | undefined>>; profile: string; stsEndpoint: string | undefined; homeDir: string | undefined }) {
    this.#options = options;
  }

  async getCredentials() {
    return (await this.#provider()).getCredentials();
  }

  async describe() {
    return (await this.#provider()).describe();
  }

  toJSON(): { source: string } {
    return { source: `CLI profile ${this.#options.profile}` };
  }

  #provider(): Promise<CredentialsProvider> {
    // The chain module is loaded only by runs that use a profile.
    this.#chain ??= import('./credential-chain.js').then(({ createCredentialChain }) => createCredentialChain(this.#options));
    return this.#chain;
  }
}
