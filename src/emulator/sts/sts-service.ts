/**
 * The emulator's STS endpoint: AssumeRole (signed with a long-term or STS key, checked like a KMS
 * request), AssumeRoleWithOIDC (unsigned; the OIDC token is checked instead, against the issuer keys
 * or the token the emulator was given, and refused when it was given neither) and GetCallerIdentity.
 * AssumeRole* answer `{Credentials, AssumedRoleUser}` with credentials of the role's account, which the
 * KMS API then accepts, acting in that account, until they expire. Any well-formed role ARN is accepted
 * unless a seed listed the roles of its account; the emulator keeps no RAM policies or trust relations.
 */
import { authenticate, type AuthDependencies } from '../authenticate.js';
import { KmsServiceError, invalidParameter, missingParameter } from '../errors.js';
import { ParamReader } from '../params.js';
import type { ParsedRequest } from '../request-parser.js';
import { checkOidcToken, type OidcTrust } from './oidc-token.js';
import { assumedRoleUser, callerIdentity, roleSession } from './role-sessions.js';
import { isStsAction, isStsRequest, STS_API_VERSION, type AssumeRoleBody, type AssumeRoleWithOidcBody, type CallerIdentityBody } from './sts-api.js';
import { readDurationSeconds, readOidcProviderArn, readRoleArn, readSessionName, type RoleRef } from './sts-params.js';
import { TemporaryCredentialIssuer } from './temporary-credentials.js';

export interface StsOptions {
  /** Shortens every issued credential's lifetime to at most this many seconds (tests of refresh). */
  maxDurationSeconds?: number | undefined;
  /** What AssumeRoleWithOIDC trusts: issuer keys, a token, or nothing (then it is refused). */
  oidc?: OidcTrust | undefined;
  /** How many issued credentials are kept at most (MAX_ISSUED_CREDENTIALS by default). */
  maxCredentials?: number | undefined;
}

/** What STS knows of accounts: whose the emulator's own key is, and which roles exist. */
export interface AccountDirectory {
  baseAccount(): string;
  /** Whether a role of that name exists in the account: any name, unless a seed listed the account's roles. */
  roleExists(accountId: string, roleName: string): boolean;
}

export type StsAnswer =
  | { action: 'AssumeRole'; body: AssumeRoleBody }
  | { action: 'AssumeRoleWithOIDC'; body: AssumeRoleWithOidcBody }
  | { action: 'GetCallerIdentity'; body: CallerIdentityBody };

export class StsService {
  readonly #auth: AuthDependencies;
  readonly #directory: AccountDirectory;
  readonly #issuer: TemporaryCredentialIssuer;
  readonly #oidc: OidcTrust;

  constructor(auth: AuthDependencies, directory: AccountDirectory, options: StsOptions = {}) {
    this.#auth = auth;
    this.#directory = directory;
    this.#issuer = new TemporaryCredentialIssuer(auth.credentials, auth.realNow, options.maxDurationSeconds, options.maxCredentials);
    this.#oidc = options.oidc ?? {};
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
    switch (action) {
      case 'AssumeRole':
        return { action: 'AssumeRole', body: this.#assumeRole(request) };
      case 'AssumeRoleWithOIDC':
        return { action: 'AssumeRoleWithOIDC', body: this.#assumeRoleWithOidc(request) };
      case 'GetCallerIdentity':
        return { action: 'GetCallerIdentity', body: this.#getCallerIdentity(request) };
    }
  }

  #assumeRole(request: ParsedRequest): AssumeRoleBody {
    const { claim } = authenticate(request, this.#auth);
    checkVersion(claim.apiVersion);
    const params = new ParamReader(request.params);
    const role = this.#existingRole(readRoleArn(params));
    const session = roleSession(role, readSessionName(params, true) ?? '');
    const duration = readDurationSeconds(params);
    return { Credentials: this.#issuer.issue(duration, role.accountId, session).body, AssumedRoleUser: assumedRoleUser(role.accountId, session) };
  }

  #assumeRoleWithOidc(request: ParsedRequest): AssumeRoleWithOidcBody {
    checkVersion(request.params['Version'] ?? request.headers['x-acs-version']);
    const params = new ParamReader(request.params);
    const providerArn = readOidcProviderArn(params);
    const role = readRoleArn(params);
    const token = params.required('OIDCToken');
    const session = roleSession(role, readSessionName(params, false) ?? `oidc-${this.#auth.realNow()}`);
    const duration = readDurationSeconds(params);
    const claims = checkOidcToken(token, this.#oidc, this.#auth.realNow());
    this.#existingRole(role);
    return {
      Credentials: this.#issuer.issue(duration, role.accountId, session).body,
      AssumedRoleUser: assumedRoleUser(role.accountId, session),
      OIDCTokenInfo: { Issuer: claims.issuer || providerArn, Subject: claims.subject, ClientIds: claims.audience },
    };
  }

  #getCallerIdentity(request: ParsedRequest): CallerIdentityBody {
    const { claim, credential } = authenticate(request, this.#auth);
    checkVersion(claim.apiVersion);
    return callerIdentity(credential, this.#directory.baseAccount());
  }

  /** STS answers a role that does not exist with `EntityNotExist.Role` (404). */
  #existingRole(role: RoleRef): RoleRef {
    if (!this.#directory.roleExists(role.accountId, role.roleName)) {
      throw new KmsServiceError('EntityNotExist.Role', `The role does not exist: ${role.arn}.`);
    }
    return role;
  }
}

function checkVersion(version: string | undefined): void {
  if (version === undefined || version === '') throw missingParameter('Version');
  if (version !== STS_API_VERSION) throw invalidParameter('Version', version, `is not served by STS; use ${STS_API_VERSION}`);
}
