/**
 * The credentials of an account reached by assuming a role (STS AssumeRole, signed with the run's base
 * credentials): obtained at the account's first request, reused, and refreshed before they expire, also
 * in the middle of a long run. Concurrent requests share one AssumeRole. A role that cannot be assumed is
 * an `AccountCredentialsError` naming the account, the role ARN, STS's code and request ID.
 */
import { maskAccessKeyId, type Credentials, type CredentialsDescription, type CredentialsProvider } from './credentials.js';
import { AccountCredentialsError, KmsApiError, KmsConfigError, KmsTransportError } from './errors.js';
import type { StsClient } from './sts-client.js';

export interface AssumedRoleOptions {
  /** The account's name in the run (the config's `accounts:` key), for messages. */
  account: string;
  roleArn: string;
  externalId?: string | undefined;
  /** Default `kmsctl-<epoch seconds>`. */
  sessionName?: string | undefined;
  /** 900 to 43,200; default STS's (3,600). */
  durationSeconds?: number | undefined;
  sts: StsClient;
  /** Milliseconds since the epoch: STS's `Expiration` is wall-clock time. */
  now: () => number;
}

/** Refresh when this share of the credentials' life is left (at most 15 minutes before expiry, as the official libraries do). */
const REFRESH_SHARE = 0.25;
const MAX_REFRESH_AHEAD_MS = 15 * 60_000;
/** Credentials this close to expiry are not used even when a refresh fails. */
const MIN_USABLE_MS = 30_000;

interface Held {
  credentials: Credentials;
  expiresAt: number;
  refreshAt: number;
}

export class AssumedRoleCredentialsProvider implements CredentialsProvider {
  readonly #o: AssumedRoleOptions;
  readonly #sessionName: string;
  #held: Held | undefined;
  #pending: Promise<Credentials> | undefined;

  constructor(options: AssumedRoleOptions) {
    this.#o = options;
    this.#sessionName = options.sessionName ?? `kmsctl-${Math.floor(options.now() / 1000)}`;
  }

  async getCredentials(): Promise<Credentials> {
    const held = this.#held;
    if (held !== undefined && this.#o.now() < held.refreshAt) return held.credentials;
    this.#pending ??= this.#assume().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async describe(): Promise<CredentialsDescription> {
    const credentials = await this.getCredentials();
    return { source: `role ${this.#o.roleArn} (account ${JSON.stringify(this.#o.account)}, STS AssumeRole at ${this.#o.sts.endpoint.url})`, accessKeyId: maskAccessKeyId(credentials.accessKeyId), hasSecurityToken: true };
  }

  /** Keeps the held credentials out of logs. */
  toJSON(): { source: string } {
    return { source: `role ${this.#o.roleArn}` };
  }

  async #assume(): Promise<Credentials> {
    const startedAt = this.#o.now();
    try {
      const { value } = await this.#o.sts.assumeRole({ roleArn: this.#o.roleArn, sessionName: this.#sessionName, durationSeconds: this.#o.durationSeconds, externalId: this.#o.externalId });
      const expiresAt = Date.parse(value.expiration);
      const life = Math.max(0, expiresAt - startedAt);
      const credentials: Credentials = { accessKeyId: value.accessKeyId, accessKeySecret: value.accessKeySecret, securityToken: value.securityToken };
      this.#held = { credentials, expiresAt, refreshAt: expiresAt - Math.min(MAX_REFRESH_AHEAD_MS, life * REFRESH_SHARE) };
      return credentials;
    } catch (error) {
      // A failed refresh is no reason to stop while the credentials held are still good: the next request tries again.
      const held = this.#held;
      if (held !== undefined && this.#o.now() < held.expiresAt - MIN_USABLE_MS) return held.credentials;
      throw this.#failure(error);
    }
  }

  #failure(error: unknown): Error {
    const { account, roleArn } = this.#o;
    const prefix = `cannot assume role ${roleArn} for account ${JSON.stringify(account)}`;
    if (error instanceof KmsApiError) {
      return new AccountCredentialsError({
        code: 'credentials.assume-role-failed',
        message: `${prefix}: STS answered ${error.code} (HTTP ${error.httpStatus}, RequestId ${error.requestId || 'none'}): ${error.serviceMessage}`,
        account,
        roleArn,
        stsCode: error.code,
        requestId: error.requestId || undefined,
      });
    }
    if (error instanceof KmsTransportError || error instanceof KmsConfigError) {
      return new AccountCredentialsError({ code: 'credentials.assume-role-failed', message: `${prefix}: ${error.message}`, account, roleArn });
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}
