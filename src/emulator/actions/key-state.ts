/**
 * EnableKey, DisableKey, ScheduleKeyDeletion and CancelKeyDeletion. A change the key's state forbids is
 * 409 `Rejected.StateModifiedFailed`: enabling or disabling a key pending deletion, pending import or
 * unavailable, scheduling a deletion twice, cancelling a deletion that is not scheduled.
 */
import type { KeyState } from '../../kms/wire/enums.js';
import { formatDate, isStorableDate } from '../dates.js';
import { invalidParameter, missingParameter, stateModifiedFailed } from '../errors.js';
import { resolveKey } from '../resolve-key.js';
import type { ActionContext, ActionHandler } from './context.js';

/** States from which a key can be neither enabled nor disabled. */
const FIXED_STATES: readonly KeyState[] = ['PendingDeletion', 'PendingImport', 'Unavailable'];

/** Enabling an Enabled key (or disabling a Disabled one) is a no-op, as on the service. */
export const enableKey: ActionHandler<'EnableKey'> = (ctx) => switchState(ctx, 'Enabled', 'EnableKey');

export const disableKey: ActionHandler<'DisableKey'> = (ctx) => switchState(ctx, 'Disabled', 'DisableKey');

function switchState(ctx: ActionContext, target: 'Enabled' | 'Disabled', action: string): Record<string, never> {
  const key = resolveKey(ctx.store, ctx.scope, ctx.params.required('KeyId'));
  if (FIXED_STATES.includes(key.keyState)) throw stateModifiedFailed(key.keyId, key.keyState, action);
  if (key.keyState !== target) {
    ctx.store.mutate((writer) => {
      writer.editKey(key).keyState = target;
    });
  }
  return {};
}

/**
 * The key goes away when DeleteDate arrives on the emulator clock (due-work.ts). A key with deletion
 * protection is refused, as the console's "disable deletion protection first" says; no public page
 * names the code, so the emulator answers the state-change refusal, `Rejected.StateModifiedFailed`.
 */
export const scheduleKeyDeletion: ActionHandler<'ScheduleKeyDeletion'> = (ctx) => {
  const key = resolveKey(ctx.store, ctx.scope, ctx.params.required('KeyId'));
  const days = ctx.params.integer('PendingWindowInDays', 7, 366);
  if (days === undefined) throw missingParameter('PendingWindowInDays');
  if (key.keyState === 'PendingDeletion') throw stateModifiedFailed(key.keyId, key.keyState, 'ScheduleKeyDeletion');
  if (key.deletionProtection === 'Enabled') {
    throw stateModifiedFailed(key.keyId, key.keyState, `ScheduleKeyDeletion of a key with deletion protection (${key.deletionProtectionDescription || 'no description'})`);
  }
  const deleteMs = ctx.nowMs + days * 86_400_000;
  // Only an emulator clock moved near the end of 9999 gets here: the state file holds no later date.
  if (!isStorableDate(deleteMs)) throw invalidParameter('PendingWindowInDays', String(days), `puts the deletion date after 9999-12-31T23:59:59Z, the latest date the emulator holds`);
  ctx.store.mutate((writer) => {
    const edited = writer.editKey(key);
    edited.stateBeforeDeletion = edited.keyState;
    edited.keyState = 'PendingDeletion';
    edited.deleteDate = formatDate(deleteMs);
  });
  return {};
};

/** A cancelled deletion leaves the key Enabled, as the service documents; a key still without material returns to PendingImport. */
export const cancelKeyDeletion: ActionHandler<'CancelKeyDeletion'> = (ctx) => {
  const key = resolveKey(ctx.store, ctx.scope, ctx.params.required('KeyId'));
  if (key.keyState !== 'PendingDeletion') throw stateModifiedFailed(key.keyId, key.keyState, 'CancelKeyDeletion');
  ctx.store.mutate((writer) => {
    const edited = writer.editKey(key);
    edited.keyState = edited.stateBeforeDeletion === 'PendingImport' ? 'PendingImport' : 'Enabled';
    edited.stateBeforeDeletion = '';
    edited.deleteDate = '';
  });
  return {};
};
