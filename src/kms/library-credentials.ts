/**
 * The seam to @alicloud/credentials: its providers (static, RAM role, OIDC) return credentials and
 * keep STS sessions fresh on their own, refreshing in the last 15 minutes before `Expiration`. This
 * adapter makes one of them a kmsctl credential source: concurrent requests share one refresh, empty
 * tokens become absent, and a failure becomes a `KmsConfigError` whose message names the source and
 * what STS answered, with every known secret and every signed query string taken out, access key IDs
 * masked and control characters escaped.
 */
import type { CredentialsProvider as LibraryProvider } from '@alicloud/credentials';
import type { Credentials } from './credentials.js';
import { KmsConfigError } from './errors.js';
import { sanitizeRelayedText } from './redact.js';

export type { LibraryProvider };

/** What a library provider returns (its `Credentials` class, structurally). */
export interface LibraryCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  readonly providerName: string;
}

/** A provider, or a way to make one: the library is imported only when credentials are first needed. */
export type LibraryProviderSource = LibraryProvider | (() => Promise<LibraryProvider>);

export class LibraryCredentialSource {
  #provider: LibraryProviderSource;
  readonly #label: string;
  readonly #secrets: () => readonly (string | undefined)[];
  #pending: Promise<Credentials> | undefined;
  #last: Credentials | undefined;

  /** `secrets` lists what must never appear in a message (the long-term secret behind an AssumeRole, say). */
  constructor(provider: LibraryProviderSource, label: string, secrets: () => readonly (string | undefined)[] = () => []) {
    this.#provider = provider;
    this.#label = label;
    this.#secrets = secrets;
  }

  /** Fresh credentials; calls made while a refresh runs wait for that refresh. */
  get(): Promise<Credentials> {
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetch(): Promise<Credentials> {
    let got: LibraryCredentials;
    try {
      if (typeof this.#provider === 'function') this.#provider = await this.#provider();
      got = await this.#provider.getCredentials();
    } catch (error) {
      throw credentialsFailure(this.#label, error, [...this.#secrets(), this.#last?.accessKeySecret, this.#last?.securityToken], [this.#last?.accessKeyId]);
    }
    if (!got?.accessKeyId || !got.accessKeySecret) throw new KmsConfigError('credentials.failed', `cannot get credentials from ${this.#label}: it returned no access key`);
    const credentials: Credentials = got.securityToken
      ? { accessKeyId: got.accessKeyId, accessKeySecret: got.accessKeySecret, securityToken: got.securityToken }
      : { accessKeyId: got.accessKeyId, accessKeySecret: got.accessKeySecret };
    this.#last = credentials;
    return credentials;
  }
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * A library failure as a `KmsConfigError('credentials.failed')`: the STS error's code, message and
 * request ID when the failure carries its answer, else the library's message without the signed URL
 * it appends; secrets removed; a hint when the STS certificate is not trusted.
 */
export function credentialsFailure(label: string, error: unknown, secrets: readonly (string | undefined)[], accessKeyIds: readonly (string | undefined)[] = []): KmsConfigError {
  if (error instanceof KmsConfigError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  const sts = stsAnswer(raw);
  const detail = sts ?? withoutSignedUrls(raw);
  const untrusted = (typeof code === 'string' && CERTIFICATE_CODES.has(code)) || /self[- ]signed certificate|unable to verify the first certificate/i.test(raw);
  const hint = untrusted ? '; the STS endpoint presented a certificate this process does not trust (for the emulator started with --tls, set NODE_EXTRA_CA_CERTS to the certificate file it printed)' : '';
  return new KmsConfigError('credentials.failed', `cannot get credentials from ${label}: ${sanitizeRelayedText(detail, { secrets, accessKeyIds })}${hint}`);
}

/** `STS answered Code: Message (RequestId …)` when the message embeds the service's JSON error body. */
function stsAnswer(message: string): string | undefined {
  const start = message.indexOf('{');
  const end = message.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const body = JSON.parse(message.slice(start, end + 1)) as Record<string, unknown>;
    if (typeof body['Code'] !== 'string') return undefined;
    const requestId = typeof body['RequestId'] === 'string' ? ` (RequestId ${body['RequestId']})` : '';
    return `STS answered ${body['Code']}: ${String(body['Message'] ?? '')}${requestId}`;
  } catch {
    return undefined;
  }
}

/** httpx appends `POST https://host/?<signed query> failed.`: keep the method and origin only. */
function withoutSignedUrls(message: string): string {
  return message.replace(/\s*(GET|POST) (https?:\/\/[^/\s?]+)[^\s]* failed\.?/g, ' ($1 $2)').replace(/\?[^\s]*/g, '');
}
