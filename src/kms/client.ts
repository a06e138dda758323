/**
 * The KMS API client of one region: typed methods returning decoded values with their request IDs,
 * listings read across all pages. Signing, retries, the deadline and errors live in ./rpc-caller.ts.
 */
import type { KmsAction } from './actions.js';
import type { AdaptiveLimiter } from './adaptive-limiter.js';
import type { ConcurrencyBound } from './concurrency-bound.js';
import type { CredentialsProvider } from './credentials.js';
import {
  decodeAliasPage,
  decodeEmptyResponse,
  decodeKeyListPage,
  decodeKeyMetadataResponse,
  decodeKeyVersionPage,
  decodeKeyVersionResponse,
  decodeKmsInstanceResponse,
  decodePublicKeyResponse,
  decodeSignResponse,
  decodeVerifyResponse,
  type Page,
  type WireJson,
} from './decode.js';
import { regionEndpoint, type KmsEndpoint } from './endpoint.js';
import { KmsConfigError } from './errors.js';
import type { HttpTransport } from './http-transport.js';
import type { PairTraffic } from './pair-traffic.js';
import type { SignatureVersion } from './request-signer.js';
import type { KmsRequestObserver } from './request-event.js';
import { resolveRetryPolicy, resolveRuntime, type RetryPolicy, type RetryRuntime } from './retry.js';
import { RpcCaller, type RpcParams } from './rpc-caller.js';
import { resolveTimeouts, type KmsTimeouts } from './timeouts.js';
import type { Alias, DigestSignature, KeyListEntry, KeyMetadata, KeyVersion, KmsInstanceInfo, PublicKeyInfo, SignatureCheck, WithRequestId } from './types.js';
import { defaultUserAgent } from './user-agent.js';
import { MAX_PAGE_SIZE } from './wire/enums.js';
import type { WireAction, WireResponses } from './wire/types.js';

/** The paged listings the client reads across all pages. */
type ListAction = 'ListAliases' | 'ListAliasesByKeyId' | 'ListKeys';

export type { KmsRequestEvent, KmsRequestObserver } from './request-event.js';

export interface KmsClientOptions {
  region: string;
  credentials: CredentialsProvider;
  transport: HttpTransport;
  /** Default: the region's public endpoint. */
  endpoint?: KmsEndpoint | undefined;
  /** `connectMs` belongs to the transport; the others apply per call. */
  timeouts?: Partial<KmsTimeouts> | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  onRequest?: KmsRequestObserver | undefined;
  /** Default: `kmsctl/<version> Node.js/<version> (<platform>; <arch>)`. */
  userAgent?: string | undefined;
  /** Aborts every call (the CLI's SIGINT signal); a call may add its own. */
  signal?: AbortSignal | undefined;
  /** Clock, sleep and randomness for tests. */
  runtime?: Partial<RetryRuntime> | undefined;
  /** `SignatureNonce` source for tests. Default: a random UUID. */
  nonce?: (() => string) | undefined;
  /** Bounds the requests in flight, adapting to throttling, when there is no `traffic`. Default: none. */
  limiter?: AdaptiveLimiter | undefined;
  /** The pacers and limiter of the (account, region) pair this client's calls count against. */
  traffic?: PairTraffic | undefined;
  /** The run's bound on requests in flight across every pair. */
  bound?: ConcurrencyBound | undefined;
  /** `v3` (ACS3-HMAC-SHA256, default) or `v1` (HMAC-SHA1). */
  signatureVersion?: SignatureVersion | undefined;
}

export interface CallOptions {
  /**
   * Stops the call: between attempts always; during an attempt only for idempotent actions (an
   * in-flight CreateKeyVersion is let finish, within its time-outs, so its outcome is known).
   */
  signal?: AbortSignal | undefined;
}

/** A value read over several pages, with the request ID of each page. */
export interface WithRequestIds<T> extends WithRequestId<T> {
  /** One per page, in order; `requestId` is the last of them. */
  requestIds: string[];
}

export interface CreateKeyOptions {
  /** Default (service): `Aliyun_AES_256`. */
  keySpec?: string | undefined;
  /** Default (service): `ENCRYPT/DECRYPT`. */
  keyUsage?: string | undefined;
  origin?: string | undefined;
  protectionLevel?: string | undefined;
  dkmsInstanceId?: string | undefined;
  description?: string | undefined;
  enableAutomaticRotation?: boolean | undefined;
  /** `7d` or `604800s` form. */
  rotationInterval?: string | undefined;
}

/** Most pages read by one listing: a guard against a service that keeps reporting more. */
const MAX_PAGES = 10_000;

export class KmsClient {
  /** The region, sent as `RegionId`. */
  readonly region: string;
  readonly endpoint: KmsEndpoint;
  readonly #rpc: RpcCaller;

  constructor(options: KmsClientOptions) {
    this.region = options.region;
    this.endpoint = options.endpoint ?? regionEndpoint(options.region);
    this.#rpc = new RpcCaller({
      region: options.region,
      endpoint: this.endpoint,
      credentials: options.credentials,
      transport: options.transport,
      timeouts: resolveTimeouts(options.timeouts),
      retry: resolveRetryPolicy(options.retry),
      runtime: resolveRuntime(options.runtime),
      userAgent: options.userAgent ?? defaultUserAgent(),
      onRequest: options.onRequest,
      signal: options.signal,
      nonce: options.nonce,
      limiter: options.limiter,
      traffic: options.traffic,
      bound: options.bound,
      signatureVersion: options.signatureVersion,
    });
  }

  /** DescribeKey: the key's metadata; `keyId` may be an alias, the answer carries the resolved ID. */
  describeKey(keyId: string, options?: CallOptions): Promise<WithRequestId<KeyMetadata>> {
    return this.#call('DescribeKey', { KeyId: keyId }, decodeKeyMetadataResponse, options);
  }

  /** One page of ListKeyVersions, in the service's order. */
  async listKeyVersionsPage(keyId: string, pageNumber = 1, pageSize: number = MAX_PAGE_SIZE, options?: CallOptions): Promise<Page<KeyVersion>> {
    checkPaging(pageNumber, pageSize);
    return this.#call(
      'ListKeyVersions',
      { KeyId: keyId, PageNumber: String(pageNumber), PageSize: String(pageSize) },
      decodeKeyVersionPage,
      options,
    );
  }

  /** Every version of the key (all pages, 100 a page), oldest first: by CreationDate, then ID. */
  async listKeyVersions(keyId: string, options?: CallOptions): Promise<WithRequestIds<KeyVersion[]>> {
    const all = await this.#allPages((page) => this.listKeyVersionsPage(keyId, page, MAX_PAGE_SIZE, options), (v) => v.keyVersionId);
    return { value: sortVersions(all.value), requestId: all.requestId, requestIds: all.requestIds };
  }

  /** DescribeKeyVersion; with an alias, the answer carries the resolved key ID. */
  describeKeyVersion(keyId: string, versionId: string, options?: CallOptions): Promise<WithRequestId<KeyVersion>> {
    return this.#call('DescribeKeyVersion', { KeyId: keyId, KeyVersionId: versionId }, decodeKeyVersionResponse, options);
  }

  /**
   * CreateKeyVersion. Never retried: after a failure for which `isAmbiguousFailure` is true the version
   * may exist; read the key's versions before trying again.
   */
  createKeyVersion(keyId: string, options?: CallOptions): Promise<WithRequestId<KeyVersion>> {
    return this.#call('CreateKeyVersion', { KeyId: keyId }, decodeKeyVersionResponse, options);
  }

  /** GetKmsInstance (instance-management read quota): what kind of instance holds a key. */
  getKmsInstance(instanceId: string, options?: CallOptions): Promise<WithRequestId<KmsInstanceInfo>> {
    return this.#call('GetKmsInstance', { KmsInstanceId: instanceId }, decodeKmsInstanceResponse, options);
  }

  /** GetPublicKey: a version's public key (PEM, SubjectPublicKeyInfo); `keyId` may be an alias or ARN. */
  getPublicKey(keyId: string, versionId: string, options?: CallOptions): Promise<WithRequestId<PublicKeyInfo>> {
    return this.#call('GetPublicKey', { KeyId: keyId, KeyVersionId: versionId }, decodePublicKeyResponse, options);
  }

  /**
   * AsymmetricSign of a digest the caller computed (32 bytes: SHA-256, or SM3 of Z(A) and the message for
   * SM2DSA), with an algorithm of the key's spec (`signingAlgorithmsFor` in wire/enums.ts).
   */
  asymmetricSign(keyId: string, versionId: string, algorithm: string, digest: Uint8Array, options?: CallOptions): Promise<WithRequestId<DigestSignature>> {
    return this.#call('AsymmetricSign', { KeyId: keyId, KeyVersionId: versionId, Algorithm: algorithm, Digest: Buffer.from(digest).toString('base64') }, decodeSignResponse, options);
  }

  /** AsymmetricVerify: whether `signature` (base64, as AsymmetricSign gives it) is the version's signature of `digest`. */
  asymmetricVerify(keyId: string, versionId: string, algorithm: string, digest: Uint8Array, signature: string, options?: CallOptions): Promise<WithRequestId<SignatureCheck>> {
    const params = { KeyId: keyId, KeyVersionId: versionId, Algorithm: algorithm, Digest: Buffer.from(digest).toString('base64'), Value: signature };
    return this.#call('AsymmetricVerify', params, decodeVerifyResponse, options);
  }

  /** CreateKey (not retried). Unset options take the service's defaults. */
  createKey(create: CreateKeyOptions = {}, options?: CallOptions): Promise<WithRequestId<KeyMetadata>> {
    const params: RpcParams = {
      KeySpec: create.keySpec,
      KeyUsage: create.keyUsage,
      Origin: create.origin,
      ProtectionLevel: create.protectionLevel,
      DKMSInstanceId: create.dkmsInstanceId,
      Description: create.description,
      EnableAutomaticRotation: create.enableAutomaticRotation === undefined ? undefined : String(create.enableAutomaticRotation),
      RotationInterval: create.rotationInterval,
    };
    return this.#call('CreateKey', params, decodeKeyMetadataResponse, options);
  }

  /** CreateAlias (not retried): `alias` starts with `alias/`. */
  async createAlias(alias: string, keyId: string, options?: CallOptions): Promise<{ requestId: string }> {
    return this.#call('CreateAlias', { AliasName: alias, KeyId: keyId }, decodeEmptyResponse, options);
  }

  /** Every alias of the region (all pages), by name. */
  listAliases(options?: CallOptions): Promise<WithRequestIds<Alias[]>> {
    return this.#listAll('ListAliases', {}, decodeAliasPage, (a) => a.aliasName, options);
  }

  /** The aliases of one key (all pages), by name. */
  listAliasesByKeyId(keyId: string, options?: CallOptions): Promise<WithRequestIds<Alias[]>> {
    return this.#listAll('ListAliasesByKeyId', { KeyId: keyId }, decodeAliasPage, (a) => a.aliasName, options);
  }

  /** Every key of the region (all pages), by ID. */
  listKeys(options?: CallOptions): Promise<WithRequestIds<KeyListEntry[]>> {
    return this.#listAll('ListKeys', {}, decodeKeyListPage, (k) => k.keyId, options);
  }

  /** One page of ListKeys: `kmsctl doctor`'s cheap signed call (PageSize=1). */
  listKeysPage(pageNumber = 1, pageSize: number = MAX_PAGE_SIZE, options?: CallOptions): Promise<Page<KeyListEntry>> {
    checkPaging(pageNumber, pageSize);
    return this.#call('ListKeys', { PageNumber: String(pageNumber), PageSize: String(pageSize) }, decodeKeyListPage, options);
  }

  enableKey(keyId: string, options?: CallOptions): Promise<{ requestId: string }> {
    return this.#call('EnableKey', { KeyId: keyId }, decodeEmptyResponse, options);
  }

  disableKey(keyId: string, options?: CallOptions): Promise<{ requestId: string }> {
    return this.#call('DisableKey', { KeyId: keyId }, decodeEmptyResponse, options);
  }

  /** ScheduleKeyDeletion (not retried) after `pendingWindowInDays`, 7 to 366. */
  async scheduleKeyDeletion(keyId: string, pendingWindowInDays: number, options?: CallOptions): Promise<{ requestId: string }> {
    if (!Number.isInteger(pendingWindowInDays) || pendingWindowInDays < 7 || pendingWindowInDays > 366) {
      throw new KmsConfigError('argument.invalid', `the pending window must be a whole number of days from 7 to 366, got ${pendingWindowInDays}`);
    }
    return this.#call('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: String(pendingWindowInDays) }, decodeEmptyResponse, options);
  }

  /** Every item of a paged listing, 100 a page, sorted by `identity`. */
  async #listAll<A extends ListAction, T>(
    action: A,
    params: RpcParams,
    decodePage: (body: WireJson<WireResponses[A]>) => Page<T>,
    identity: (item: T) => string,
    options: CallOptions | undefined,
  ): Promise<WithRequestIds<T[]>> {
    // Copied, not `{ ...params, PageNumber }`: a spread given properties of its own gets a hidden class of its own (README, "Memory").
    const fetchPage = (page: number) => this.#call(action, Object.assign({}, params, { PageNumber: String(page), PageSize: String(MAX_PAGE_SIZE) }), decodePage, options);
    const all = await this.#allPages(fetchPage, identity);
    return { value: all.value.sort((a, b) => compareStrings(identity(a), identity(b))), requestId: all.requestId, requestIds: all.requestIds };
  }

  /** Reads pages until TotalCount is reached (or a page is empty), dropping repeats seen across pages. */
  async #allPages<T>(fetchPage: (pageNumber: number) => Promise<Page<T>>, identity: (item: T) => string): Promise<WithRequestIds<T[]>> {
    const items = new Map<string, T>();
    const requestIds: string[] = [];
    for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
      const page = await fetchPage(pageNumber);
      requestIds.push(page.requestId);
      for (const item of page.items) if (!items.has(identity(item))) items.set(identity(item), item);
      const pageSize = page.pageSize > 0 ? page.pageSize : MAX_PAGE_SIZE;
      if (page.items.length === 0 || items.size >= page.totalCount || pageNumber * pageSize >= page.totalCount) break;
    }
    return { value: [...items.values()], requestId: requestIds[requestIds.length - 1] ?? '', requestIds };
  }

  /** One call; the decoder reads the answer as the action's wire type (wire/types.ts `WireResponses`). */
  #call<A extends KmsAction & WireAction, T extends { requestId: string }>(action: A, params: RpcParams, decode: (body: WireJson<WireResponses[A]>) => T, options: CallOptions | undefined): Promise<T> {
    return this.#rpc.call(action, params, decode, options?.signal);
  }
}

/** Oldest first: by CreationDate, then ID. Each date is parsed once, not twice per comparison. */
function sortVersions(versions: KeyVersion[]): KeyVersion[] {
  const keyed = versions.map((version) => ({ version, at: Date.parse(version.creationDate) }));
  keyed.sort((a, b) => a.at - b.at || compareStrings(a.version.keyVersionId, b.version.keyVersionId));
  return keyed.map((k) => k.version);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkPaging(pageNumber: number, pageSize: number): void {
  if (!Number.isInteger(pageNumber) || pageNumber < 1) throw new KmsConfigError('argument.invalid', `the page number must be a whole number from 1, got ${pageNumber}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new KmsConfigError('argument.invalid', `the page size must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`);
  }
}
