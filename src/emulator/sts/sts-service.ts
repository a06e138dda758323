/**
 * The emulator's STS endpoint: AssumeRole (signed with a long-term or STS key, checked like a KMS
 * request) and AssumeRoleWithOIDC (unsigned; the OIDC token is checked instead). Both answer
 * `{Credentials, AssumedRoleUser}` with credentials the KMS API then accepts until they expire.
 * Any well-formed role ARN is accepted: the emulator keeps no RAM roles or policies.
 */
import { createHash } from 'node:crypto';
import { authenticate, type AuthDependencies } from '../authenticate.js';
import { KmsServiceError, invalidParameter, missingParameter } from '../errors.js';
import { ParamReader } from '../params.js';
import type { ParsedRequest } from '../request-parser.js';
import { checkOidcToken } from './oidc-token.js';
import { isStsAction, isStsRequest, STS_API_VERSION, type AssumeRoleBody, type AssumeRoleWithOidcBody, type StsAction } from './sts-api.js';
import { readDurationSeconds, readOidcProviderArn, readRoleArn, readSessionName, type RoleRef } from './sts-params.js';
import { TemporaryCredentialIssuer } from './temporary-credentials.js';

export interface StsOptions {
  /** Shortens every issued credential's lifetime to at most this many seconds (tests of refresh). */
  maxDurationSeconds?: number | undefined;
  /** When set, AssumeRoleWithOIDC accepts exactly this token; else any JWT-shaped, unexpired one. */
  oidcToken?: string | undefined;
}

export interface StsAnswer {
  action: StsAction;
  body: AssumeRoleBody | AssumeRoleWithOidcBody;
}

export class StsService {
  readonly #auth: AuthDependencies;
  readonly #issuer: TemporaryCredentialIssuer;
  readonly #oidcToken: string | undefined;

  constructor(auth: AuthDependencies, options: StsOptions = {}) {
    this.#auth = auth;
    this.#issuer = new TemporaryCredentialIssuer(auth.credentials, auth.realNow, options.maxDurationSeconds);
    this.#oidcToken = options.oidcToken;
  }

  /** Whether the request is for STS (by `Version`, else by action name). */
  accepts(request: ParsedRequest): boolean {
    return isStsRequest(request);
  }

  /** Serves one STS request; throws `KmsServiceError` with the service's code for a refusal. */
  serve(request: ParsedRequest): StsAnswer {
    const action = request.params['Action'] ?? request.headers['x-acs-action'];
    if (action === undefined || action === '') throw missingParameter('Action');
    if (!isStsAction(action)) throw new KmsServiceError('InvalidAction.NotFound', `Specified api is not found, please check your url and method: ${action}`);
    if (action === 'AssumeRole') return { action, body: this.#assumeRole(request) };
    return { action, body: this.#assumeRoleWithOidc(request) };
  }

  #assumeRole(request: ParsedRequest): AssumeRoleBody {
    const claim = authenticate(request, this.#auth);
    checkVersion(claim.apiVersion);
    const params = new ParamReader(request.params);
    const role = readRoleArn(params);
    const session = readSessionName(params, true) ?? '';
    const duration = readDurationSeconds(params);
    return { Credentials: this.#issuer.issue(duration).body, AssumedRoleUser: assumedRoleUser(role, session) };
  }

  #assumeRoleWithOidc(request: ParsedRequest): AssumeRoleWithOidcBody {
    checkVersion(request.params['Version'] ?? request.headers['x-acs-version']);
    const params = new ParamReader(request.params);
    const providerArn = readOidcProviderArn(params);
    const role = readRoleArn(params);
    const token = params.required('OIDCToken');
    const session = readSessionName(params, false) ?? `oidc-${this.#auth.realNow()}`;
    const duration = readDurationSeconds(params);
    const claims = checkOidcToken(token, { expected: this.#oidcToken, nowMs: this.#auth.realNow() });
    return {
      Credentials: this.#issuer.issue(duration).body,
      AssumedRoleUser: assumedRoleUser(role, session),
      OIDCTokenInfo: { Issuer: claims.issuer || providerArn, Subject: claims.subject, ClientIds: claims.audience },
    };
  }
}

function checkVersion(version: string | undefined): void {
  if (version === undefined || version === '') throw missingParameter('Version');
  if (version !== STS_API_VERSION) throw invalidParameter('Version', version, `is not served by STS; use ${STS_API_VERSION}`);
}

/** The role session's ARN and ID; the role ID is a stable number derived from the role ARN. */
function assumedRoleUser(role: RoleRef, session: string): AssumeRoleBody['AssumedRoleUser'] {
  const roleId = BigInt(`0x${createHash('sha256').update(role.arn).digest('hex').slice(0, 14)}`).toString().padStart(17, '3').slice(0, 17);
  return { Arn: `acs:ram::${role.accountId}:assumed-role/${role.roleName}/${session}`, AssumedRoleId: `${roleId}:${session}` };
}
