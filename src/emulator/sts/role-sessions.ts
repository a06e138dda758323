/**
 * Who a caller is, as STS tells it: an assumed role's session (AssumeRole's `AssumedRoleUser`), and
 * GetCallerIdentity's answer for a credential, the account's own key or an STS credential.
 */
import { createHash } from 'node:crypto';
import type { AssumedRole, Credential } from '../credential-store.js';
import type { AssumeRoleBody, CallerIdentityBody } from './sts-api.js';
import type { RoleRef } from './sts-params.js';

/** A role session; the role ID is a stable 17-digit number derived from the role ARN, as the service shows them. */
export function roleSession(role: RoleRef, sessionName: string): AssumedRole {
  const roleId = BigInt(`0x${createHash('sha256').update(role.arn).digest('hex').slice(0, 14)}`).toString().padStart(17, '3').slice(0, 17);
  return { roleArn: role.arn, roleName: role.roleName, roleId, sessionName };
}

export function assumedRoleUser(accountId: string, session: AssumedRole): AssumeRoleBody['AssumedRoleUser'] {
  return { Arn: sessionArn(accountId, session), AssumedRoleId: `${session.roleId}:${session.sessionName}` };
}

/**
 * GetCallerIdentity: an STS credential is its role session (`AssumedRoleUser`); any other credential
 * is taken as the account's own access key (`Account`, ARN `acs:ram::<uid>:root`).
 */
export function callerIdentity(credential: Credential, baseAccount: string): CallerIdentityBody {
  const accountId = credential.accountId ?? baseAccount;
  const session = credential.assumedRole;
  if (session === undefined) {
    return { AccountId: accountId, Arn: `acs:ram::${accountId}:root`, IdentityType: 'Account', PrincipalId: accountId, UserId: accountId };
  }
  const principal = `${session.roleId}:${session.sessionName}`;
  return { AccountId: accountId, Arn: sessionArn(accountId, session), IdentityType: 'AssumedRoleUser', PrincipalId: principal, UserId: principal, RoleId: session.roleId };
}

function sessionArn(accountId: string, session: AssumedRole): string {
  return `acs:ram::${accountId}:assumed-role/${session.roleName}/${session.sessionName}`;
}
