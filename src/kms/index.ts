/** The KMS client's public surface: import from here rather than from the files behind it. */
export { KmsClient, type CallOptions, type CreateKeyOptions, type KmsClientOptions, type KmsRequestEvent, type KmsRequestObserver, type WithRequestIds } from './client.js';
export { createKmsClients, type KmsClients, type KmsClientsOptions } from './client-factory.js';
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
export { KmsApiError, KmsConfigError, KmsTransportError, isAmbiguousFailure, type ApiErrorFields, type TransportErrorKind } from './errors.js';
export { KMS_ACTIONS, isIdempotentAction, type ActionSpec, type KmsAction } from './actions.js';
export { DEFAULT_RETRY_POLICY, fullJitterDelay, isRetryableError, type RetryPolicy, type RetryRuntime } from './retry.js';
export { DEFAULT_TIMEOUTS, type KmsTimeouts } from './timeouts.js';
export { DEFAULT_CONNECTIONS_PER_ORIGIN, UndiciTransport, HttpFailure, type HttpRequest, type HttpResponse, type HttpTransport, type UndiciTransportOptions } from './http-transport.js';
export type { Page } from './decode.js';
export { defaultUserAgent } from './user-agent.js';
export type { Alias, KeyListEntry, KeyMetadata, KeyVersion, KmsInstanceInfo, WithRequestId } from './types.js';
