/** The options of `startEmulator` and the handle it returns. */
import type { EmulatorClock } from './clock.js';
import type { CredentialSource, CredentialStore } from './credential-store.js';
import type { FaultConfig, FaultInjector } from './faults/index.js';
import type { QuotaChanges, QuotaPreset } from './quota-board.js';
import type { SeedResult } from './seed-apply.js';
import type { SeedDocument } from './seed-types.js';
import type { StatsSnapshot } from './stats.js';
import type { TrafficControls } from './traffic-controls.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_REGION = 'cn-hangzhou';
/** The base account's UID when none is given (option, seed or state file): an obvious placeholder. */
export const DEFAULT_UID = '1234567890123456';

export interface EmulatorOptions {
  /** Interface to bind; default 127.0.0.1. Admin endpoints answer loopback clients only, whatever the bind. */
  host?: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /**
   * Persist the state to this JSON file (locked against other emulators). Memory only when absent. A
   * symbolic link is followed: the emulator locks and writes the file it points to (state-path.ts).
   */
  statePath?: string;
  /** A seed YAML file's path, or an already-parsed seed (validated against schemas/seed.schema.json). */
  seed?: string | SeedDocument;
  /** The emulator clock's start time (ISO 8601 with a zone); default the real time, or the state file's clock. */
  now?: string | Date;
  /** Stop the emulator clock: it moves only through `advance`/`set` (deterministic tests). Default false. */
  freezeClock?: boolean;
  /** The accepted credential; default from KMS_EMULATOR_ACCESS_KEY_ID/_SECRET, else the demo pair. */
  accessKeyId?: string;
  accessKeySecret?: string;
  /** Region of requests that name none (no RegionId, no kms.<region> Host); default cn-hangzhou. */
  region?: string;
  /**
   * The account (UID) of the emulator's own access key: its keys' ARNs, `Creator`, GetCallerIdentity.
   * Wins over the seed's `accountUid` and the state file's; default 1234567890123456.
   */
  uid?: string;
  /** Environment to read the credential from; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Receives one line per request and internal failures (never parameters or secrets). */
  log?: (line: string) => void;
  /** Faults to inject from the start: a JSON or YAML file's path, or the rules (schemas/faults.schema.json). */
  faults?: string | FaultConfig;
  /** A request must arrive whole (headers and body) within this many ms, else 408; default 30000. */
  requestTimeoutMs?: number;
  /** Delay of every API request, standing for the network (ms); default 0. Changeable at run time: `traffic`. */
  latencyMs?: number;
  /** Uniform jitter around `latencyMs` (± ms, at most `latencyMs`); default 0. */
  latencyJitterMs?: number;
  /**
   * The service's request quotas per account, region and action group: `service` (the published
   * figures), `older` (the older limits page's) or `none` (the default). Beyond a quota the answer is
   * 429 `Rejected.Throttling`. Changeable at run time: `traffic.quotas`, /_emulator/quota.
   */
  quotas?: QuotaPreset;
  /** Figures of single groups on top of `quotas`, e.g. `{"key-read": 40}`; null: no quota for that group. */
  quotaGroups?: QuotaChanges;
  /** A plain rate quota over all API actions (requests per second, token bucket), for experiments; beyond it, 429 `Rejected.Throttling`. Default none. */
  qps?: number;
  /** The quota's bucket size; default one second's worth (`qps`). */
  qpsBurst?: number;
  /** Serve HTTPS with a self-signed certificate made at start (see `tlsCertOut`). Default false: HTTP. */
  tls?: boolean;
  /** Where to write that certificate (PEM) for clients to trust; default `<statePath>.cert.pem`, else a temporary directory. */
  tlsCertOut?: string;
  /** STS: issue credentials that live at most this many seconds, whatever DurationSeconds asks (tests of refresh). */
  stsMaxDurationSeconds?: number;
  /**
   * STS: AssumeRoleWithOIDC accepts tokens signed (RS256 or ES256) by one of these public keys: the text of
   * a JWKS document, a JWK, or PEM public keys or certificates. With neither this nor `stsOidcToken`, the
   * action is refused (401 `AuthenticationFail.NoPermission`).
   */
  stsOidcIssuerKey?: string;
  /** STS: AssumeRoleWithOIDC accepts exactly this token (a token file's content), unexpired, RS256 or ES256 in its header. */
  stsOidcToken?: string;
  /** STS: keep at most this many issued credentials (default 1,000); issuing more forgets the oldest. */
  stsMaxCredentials?: number;
}

export interface RunningEmulator {
  /** `http://HOST:PORT`, the endpoint clients use. */
  url: string;
  host: string;
  port: number;
  /** The default region. */
  region: string;
  /** The base account: the account of `accessKeyId`. */
  uid: string;
  /** The access key ID of the configured credential (never the secret), and where it came from. */
  accessKeyId: string;
  credentialSource: CredentialSource;
  /** Who may call; register temporary credentials here. */
  credentials: CredentialStore;
  /** The emulator clock; changes are persisted with the state. */
  clock: EmulatorClock;
  /** The real state file (symbolic links followed), or undefined when the state is kept in memory only. */
  statePath: string | undefined;
  /** What the seed added or skipped, when a seed was given. */
  seedResult: SeedResult | undefined;
  stats(): StatsSnapshot;
  /** The injected faults: `configure`, `clear` and `snapshot` (also via /_emulator/faults). */
  faults: FaultInjector;
  /** With `tls`: the written certificate file (trust it with NODE_EXTRA_CA_CERTS) and its PEM text. */
  tlsCertPath: string | undefined;
  tlsCertificate: string | undefined;
  /** The latency and quotas, changeable while the emulator runs (also via /_emulator/latency and /_emulator/quota). */
  traffic: TrafficControls;
  /** What AssumeRoleWithOIDC trusts: how many issuer keys, and whether one token is accepted as it is. */
  oidc: { issuerKeys: number; token: boolean };
  /** Stops serving, closes connections and releases the state file lock. Idempotent. */
  close(): Promise<void>;
}
