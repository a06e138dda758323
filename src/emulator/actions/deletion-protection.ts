/**
 * SetDeletionProtection: `EnableDeletionProtection` (true/false, required), the key by
 * `ProtectedResourceArn` (its ARN, as the API reference has it) or `KeyId`, and an optional
 * `DeletionProtectionDescription`, kept only while protection is on. A key pending deletion cannot be
 * protected (the console's prerequisite), so it is refused like the other state changes.
 */
import { missingParameter, stateModifiedFailed } from '../errors.js';
import { resolveKey } from '../resolve-key.js';
import type { ActionHandler } from './context.js';

export const setDeletionProtection: ActionHandler<'SetDeletionProtection'> = (ctx) => {
  const enable = ctx.params.boolean('EnableDeletionProtection');
  if (enable === undefined) throw missingParameter('EnableDeletionProtection');
  const keyRef = ctx.params.optional('ProtectedResourceArn') ?? ctx.params.optional('KeyId');
  if (keyRef === undefined) throw missingParameter('ProtectedResourceArn');
  const key = resolveKey(ctx.store, ctx.scope, keyRef);
  if (enable && key.keyState === 'PendingDeletion') throw stateModifiedFailed(key.keyId, key.keyState, 'SetDeletionProtection');
  const description = enable ? (ctx.params.optional('DeletionProtectionDescription') ?? '') : '';
  ctx.store.mutate((writer) => {
    const edited = writer.editKey(key);
    edited.deletionProtection = enable ? 'Enabled' : 'Disabled';
    edited.deletionProtectionDescription = description;
  });
  return {};
};
