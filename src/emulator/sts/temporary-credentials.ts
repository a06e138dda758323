/**
 * Issues STS credentials: a fresh `STS.` access key ID, secret and security token, registered in the
 * emulator's credential store with their expiry and the account of the role assumed, so the KMS API
 * accepts them, acting in that account, with their token until they expire (real time) and answers
 * `InvalidSecurityToken.Expired` after. Credentials that expired over an hour ago are forgotten at the
 * next issue, and at most MAX_ISSUED_CREDENTIALS are kept at all: issuing one more forgets the expired
 * ones first, then the oldest issued, which stop working (`InvalidAccessKeyId.NotFound`) as if they had
 * expired early. So memory stays bounded however many credentials callers ask for (68,000 mints an hour
 * hold what 1,000 do), and a credential a client uses now is never pushed out by fewer than 1,000 newer.
 */
import { randomBytes } from 'node:crypto';
import type { WireStsCredentials } from '../../kms/wire/types.js';
import type { AssumedRole, CredentialStore } from '../credential-store.js';

const FORGET_AFTER_MS = 60 * 60 * 1000;
/** How many issued credentials are kept at most, live or recently expired. */
export const MAX_ISSUED_CREDENTIALS = 1000;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface IssuedCredentials {
  body: WireStsCredentials;
  expiresAtMs: number;
}

export class TemporaryCredentialIssuer {
  readonly #store: CredentialStore;
  readonly #realNow: () => number;
  readonly #maxDurationSeconds: number | undefined;
  readonly #maxKept: number;
  /** Access key ID to expiry, in the order issued (a Map keeps insertion order). */
  readonly #issued = new Map<string, number>();

  /**
   * `maxDurationSeconds` shortens every issued lifetime (tests of refresh); the requested duration is still
   * validated. `maxKept` bounds the credentials kept (MAX_ISSUED_CREDENTIALS unless a test sets fewer).
   */
  constructor(store: CredentialStore, realNow: () => number, maxDurationSeconds?: number, maxKept = MAX_ISSUED_CREDENTIALS) {
    if (maxDurationSeconds !== undefined && !(Number.isInteger(maxDurationSeconds) && maxDurationSeconds >= 1)) {
      throw new RangeError(`the STS maximum duration must be a whole number of seconds, at least 1; got ${maxDurationSeconds}`);
    }
    if (!(Number.isInteger(maxKept) && maxKept >= 1)) throw new RangeError(`the number of STS credentials kept must be a whole number, at least 1; got ${maxKept}`);
    this.#store = store;
    this.#realNow = realNow;
    this.#maxDurationSeconds = maxDurationSeconds;
    this.#maxKept = maxKept;
  }

  /** How many issued credentials are kept now (live or expired less than an hour ago). */
  get kept(): number {
    return this.#issued.size;
  }

  /** Credentials acting in `accountId` as the role session `assumedRole`. */
  issue(durationSeconds: number, accountId: string, assumedRole: AssumedRole): IssuedCredentials {
    const now = this.#realNow();
    this.#forgetOld(now);
    this.#makeRoom(now);
    const seconds = Math.min(durationSeconds, this.#maxDurationSeconds ?? durationSeconds);
    // Whole seconds, as Expiration is written (rounded up, so a credential never lives shorter than asked):
    // the store and the client agree on the instant.
    const expiresAtMs = Math.ceil((now + seconds * 1000) / 1000) * 1000;
    const accessKeyId = `STS.${randomText(25)}`;
    const accessKeySecret = randomText(44);
    // Real tokens are long base64 with + / =: they exercise every client's percent-encoding.
    const securityToken = `CAIS${randomBytes(96).toString('base64')}`;
    this.#store.register({ accessKeyId, accessKeySecret, securityToken, expiresAtMs, accountId, assumedRole });
    this.#issued.set(accessKeyId, expiresAtMs);
    return {
      expiresAtMs,
      body: { AccessKeyId: accessKeyId, AccessKeySecret: accessKeySecret, SecurityToken: securityToken, Expiration: new Date(expiresAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z') },
    };
  }

  #forgetOld(now: number): void {
    for (const [accessKeyId, expiresAtMs] of this.#issued) {
      if (expiresAtMs + FORGET_AFTER_MS < now) {
        this.#forget(accessKeyId);
      }
    }
  }

  /** Leaves room for one more: expired credentials go first, then the oldest issued. */
  #makeRoom(now: number): void {
    if (this.#issued.size < this.#maxKept) return;
    for (const [accessKeyId, expiresAtMs] of this.#issued) {
      if (this.#issued.size < this.#maxKept) return;
      if (expiresAtMs <= now) this.#forget(accessKeyId);
    }
    for (const accessKeyId of this.#issued.keys()) {
      if (this.#issued.size < this.#maxKept) return;
      this.#forget(accessKeyId);
    }
  }

  #forget(accessKeyId: string): void {
    this.#store.remove(accessKeyId);
    this.#issued.delete(accessKeyId);
  }
}

function randomText(length: number): string {
  let out = '';
  for (const byte of randomBytes(length)) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}
