import { errorDiagnostic, type Diagnostic, type SourceRange } from '../../diagnostics/diagnostic.js';
import { ROLE_OPTIONS } from '../account-fields.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';
import type { WrittenAccount } from '../written-config.js';
import type { PathSegment } from '../yaml-locate.js';

/** An entry of `accounts:` with what the rules need to place their findings. */
export interface AccountEntry {
  name: string;
  file: string;
  account: WrittenAccount;
  /** True when the entry, or a part of it, failed the schema. */
  damaged(path: readonly PathSegment[]): boolean;
  nameRange(): SourceRange;
  keyRange(path: readonly PathSegment[]): SourceRange;
}

/**
 * An account is reached one way: exactly one of `roleArn` and `profile`; and the AssumeRole options
 * (`externalId`, `sessionName`, `durationSeconds`) mean something only with `roleArn`.
 */
export function accountWay(entry: AccountEntry): Diagnostic[] {
  const { account, name } = entry;
  const role = account.roleArn !== undefined || entry.damaged(['roleArn']);
  const profile = account.profile !== undefined || entry.damaged(['profile']);
  if (role && profile) {
    const diagnostic = errorDiagnostic(
      CONFIG_CODES.accountWay,
      `account ${quote(name)} has both a roleArn and a profile`,
      entry.keyRange(['profile']),
      'an account is reached one way: a role to assume (roleArn) or a CLI profile (profile); keep one',
    );
    diagnostic.related = [{ message: 'roleArn is here', source: entry.keyRange(['roleArn']) }];
    return [diagnostic];
  }
  if (!role && !profile) {
    return [
      errorDiagnostic(
        CONFIG_CODES.accountWay,
        `account ${quote(name)} says neither a roleArn nor a profile`,
        entry.nameRange(),
        'add "roleArn: acs:ram::<account UID>:role/<role name>" (a role to assume) or "profile: <name>" (an Alibaba Cloud CLI profile)',
      ),
    ];
  }
  if (role) return [];
  return ROLE_OPTIONS.filter((option) => account[option] !== undefined).map((option) =>
    errorDiagnostic(
      CONFIG_CODES.roleOptionWithoutRole,
      `${quote(option)} of account ${quote(name)} applies only to a roleArn, and this account uses a profile`,
      entry.keyRange([option]),
      'set it in the CLI profile instead, or reach the account with roleArn',
    ),
  );
}
