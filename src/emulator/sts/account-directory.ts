/** STS's view of the emulator's accounts, read from the store: the base account and the roles seeds listed. */
import type { EmulatorStore } from '../store.js';
import type { AccountDirectory } from './sts-service.js';

export function accountDirectory(store: EmulatorStore): AccountDirectory {
  return {
    baseAccount: () => store.baseAccount,
    // RAM role names are compared without regard to case, as RAM treats them.
    roleExists: (accountId, roleName) => {
      const roles = store.account(accountId)?.roles ?? null;
      return roles === null || roles.some((role) => role.toLowerCase() === roleName.toLowerCase());
    },
  };
}
