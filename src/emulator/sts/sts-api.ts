/**
 * The STS (Security Token Service) API the emulator serves next to KMS, on the same port: version
 * 2015-04-01, actions AssumeRole and GetCallerIdentity (V1- or V3-signed) and AssumeRoleWithOIDC
 * (unsigned: the OIDC token is the proof). A request is routed here when its `Version` (or
 * `x-acs-version`) is 2015-04-01, or, without a version, when it names an STS action.
 */
import type { WireAssumeRoleResponse, WireGetCallerIdentityResponse } from '../../kms/wire/types.js';
import type { ParsedRequest } from '../request-parser.js';

export const STS_API_VERSION = '2015-04-01';

export const STS_ACTIONS = ['AssumeRole', 'AssumeRoleWithOIDC', 'GetCallerIdentity'] as const;
export type StsAction = (typeof STS_ACTIONS)[number];

/** DurationSeconds bounds of the service: at least 15 minutes, at most a role's longest session (12 hours). */
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;
export const DEFAULT_DURATION_SECONDS = 3_600;

export function isStsAction(action: string | undefined): action is StsAction {
  return (STS_ACTIONS as readonly string[]).includes(action ?? '');
}

/** Whether a request is for STS rather than KMS (see the module comment). */
export function isStsRequest(request: ParsedRequest): boolean {
  const version = request.params['Version'] ?? request.headers['x-acs-version'];
  if (version === STS_API_VERSION) return true;
  return (version === undefined || version === '') && isStsAction(request.params['Action'] ?? request.headers['x-acs-action']);
}

/** AssumeRole's answer without the RequestId, which the server adds. */
export type AssumeRoleBody = Omit<WireAssumeRoleResponse, 'RequestId'>;

/** AssumeRoleWithOIDC also names the identity provider and the token's subject. */
export interface AssumeRoleWithOidcBody extends AssumeRoleBody {
  OIDCTokenInfo: { Issuer: string; Subject: string; ClientIds: string };
}

export type CallerIdentityBody = Omit<WireGetCallerIdentityResponse, 'RequestId'>;
