/** The KMS client's public surface: import from here rather than from the files behind it. */
export { KmsClient, type CallOptions, type CreateKeyOptions, type KmsClientOptions, type KmsRequestEvent, type KmsRequestObserver, type WithRequestIds } from './client.js';
export { createKmsClients, type KmsAccountSpec, type KmsClients, type KmsClientsOptions, type KmsLocation } from './client-factory.js';
export { DEFAULT_SIGNATURE_VERSION, SIGNATURE_VERSIONS, type SignatureVersion } from './request-signer.js';
export { resolveQuotaFigures, type PairTrafficSnapshot, type QuotaOverrides } from './pair-traffic.js';
export type { PacerSnapshot } from './quota-pacer.js';
export { StsClient, STS_API_VERSION } from './sts-client.js';
export {
  ACCESS_KEY_ID_ENV_VAR,
  ACCESS_KEY_SECRET_ENV_VAR,
  SECURITY_TOKEN_ENV_VAR,
  EnvCredentialsProvider,
  StaticCredentialsProvider,
  maskAccessKeyId,
  type Credentials,
  type CredentialsDescription,
  type CredentialsProvider,
} from './credentials.js';
export {
  ENDPOINT_ENV_VAR,
  assertValidRegion,
  endpointForRegion,
  isLoopbackHost,
  isValidRegion,
  parseEndpointOverride,
  regionEndpoint,
  resolveEndpointOverride,
  type EndpointOverrideInput,
  type KmsEndpoint,
} from './endpoint.js';
export { AccountCredentialsError, KmsApiError, KmsConfigError, KmsTransportError, isAmbiguousFailure, type ApiErrorFields, type TransportErrorKind } from './errors.js';
export { KMS_ACTIONS, isIdempotentAction, type ActionSpec, type KmsAction } from './actions.js';
export { DEFAULT_RETRY_POLICY, fullJitterDelay, isRetryableError, type RetryPolicy, type RetryRuntime } from './retry.js';
export { DEFAULT_TIMEOUTS, type KmsTimeouts } from './timeouts.js';
export { DEFAULT_CONNECTIONS_PER_ORIGIN, UndiciTransport, HttpFailure, type HttpRequest, type HttpResponse, type HttpTransport, type UndiciTransportOptions } from './http-transport.js';
export type { Page } from './decode.js';
export { defaultUserAgent } from './user-agent.js';
export type { Alias, CallerIdentity, KeyListEntry, KeyMetadata, KeyVersion, KmsInstanceInfo, TemporaryCredentials, WithRequestId } from './types.js';
