/**
 * kmsctl's own STS (2015-04-01) calls, signed and sent like KMS calls (same signer, transport, retries
 * and time-outs): AssumeRole for the accounts of a run, GetCallerIdentity for `kmsctl doctor`. The
 * endpoint follows the rules of sts-endpoint.ts, with plain http allowed to a loopback emulator.
 */
import { decodeAssumeRoleResponse, decodeCallerIdentityResponse } from './decode.js';
import type { KmsEndpoint } from './endpoint.js';
import type { SignatureVersion } from './request-signer.js';
import { RpcCaller, type RpcCallerOptions } from './rpc-caller.js';
import type { StsEndpoint } from './sts-endpoint.js';
import type { CallerIdentity, TemporaryCredentials, WithRequestId } from './types.js';

export const STS_API_VERSION = '2015-04-01';

/** How STS calls are sent: as KMS calls are (RpcCaller), to an STS endpoint, signed with the run's base identity. */
export type StsClientOptions = Pick<RpcCallerOptions, 'credentials' | 'transport' | 'timeouts' | 'retry' | 'runtime' | 'userAgent' | 'onRequest' | 'signal'> & {
  endpoint: StsEndpoint;
  signatureVersion: SignatureVersion;
};

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
    this.#rpc = new RpcCaller({ ...options, region: 'sts', sendRegionId: false, apiVersion: STS_API_VERSION, endpoint });
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
