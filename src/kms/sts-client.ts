/**
 * kmsctl's own STS (2015-04-01) calls, signed and sent like KMS calls (same signer, transport, retries
 * and time-outs): AssumeRole for the accounts of a run, GetCallerIdentity for `kmsctl doctor`. The
 * endpoint follows the rules of sts-endpoint.ts, with plain http allowed to a loopback emulator.
 */
import type { CredentialsProvider } from './credentials.js';
import { decodeAssumeRoleResponse, decodeCallerIdentityResponse } from './decode.js';
import type { KmsEndpoint } from './endpoint.js';
import type { HttpTransport } from './http-transport.js';
import type { KmsRequestObserver } from './request-event.js';
import type { SignatureVersion } from './request-signer.js';
import type { RetryPolicy, RetryRuntime } from './retry.js';
import { RpcCaller } from './rpc-caller.js';
import type { StsEndpoint } from './sts-endpoint.js';
import type { KmsTimeouts } from './timeouts.js';
import type { CallerIdentity, TemporaryCredentials, WithRequestId } from './types.js';

export const STS_API_VERSION = '2015-04-01';

export interface StsClientOptions {
  endpoint: StsEndpoint;
  /** The credentials STS calls are signed with (the run's base identity, for AssumeRole). */
  credentials: CredentialsProvider;
  transport: HttpTransport;
  timeouts: KmsTimeouts;
  retry: RetryPolicy;
  runtime: RetryRuntime;
  userAgent: string;
  signatureVersion: SignatureVersion;
  onRequest?: KmsRequestObserver | undefined;
  signal?: AbortSignal | undefined;
}

export interface AssumeRoleRequest {
  roleArn: string;
  sessionName: string;
  durationSeconds?: number | undefined;
  externalId?: string | undefined;
}

export class StsClient {
  readonly endpoint: StsEndpoint;
  readonly #rpc: RpcCaller;

  constructor(options: StsClientOptions) {
    this.endpoint = options.endpoint;
    const endpoint: KmsEndpoint = { origin: options.endpoint.url, path: '/', url: options.endpoint.url };
    this.#rpc = new RpcCaller({
      region: 'sts',
      sendRegionId: false,
      apiVersion: STS_API_VERSION,
      endpoint,
      credentials: options.credentials,
      transport: options.transport,
      timeouts: options.timeouts,
      retry: options.retry,
      runtime: options.runtime,
      userAgent: options.userAgent,
      signatureVersion: options.signatureVersion,
      onRequest: options.onRequest,
      signal: options.signal,
    });
  }

  /** AssumeRole: temporary credentials of the role, signed with this client's credentials. */
  assumeRole(request: AssumeRoleRequest, signal?: AbortSignal): Promise<WithRequestId<TemporaryCredentials>> {
    const params = {
      RoleArn: request.roleArn,
      RoleSessionName: request.sessionName,
      DurationSeconds: request.durationSeconds === undefined ? undefined : String(request.durationSeconds),
      ExternalId: request.externalId,
    };
    return this.#rpc.call('AssumeRole', params, decodeAssumeRoleResponse, signal);
  }

  /** GetCallerIdentity: the account and principal this client's credentials belong to. */
  getCallerIdentity(signal?: AbortSignal): Promise<WithRequestId<CallerIdentity>> {
    return this.#rpc.call('GetCallerIdentity', {}, decodeCallerIdentityResponse, signal);
  }
}
