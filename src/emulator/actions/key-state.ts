/** EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion and UpdateRotationPolicy. */
import { isAsymmetricKeySpec } from '../../kms/wire/enums.js';
import { formatDate } from '../dates.js';
import { KmsServiceError, invalidParameter, missingParameter, stateRejection } from '../errors.js';
import { parseRotationInterval } from '../key-rules.js';
import type { ActionContext } from './context.js';

/** Enabling an Enabled key is a no-op, as on the service; keys pending deletion or import are refused. */
export function enableKey(ctx: ActionContext): object {
  const key = ctx.store.resolveKey(ctx.region, ctx.params.required('KeyId'));
  if (key.keyState === 'PendingDeletion' || key.keyState === 'PendingImport') throw stateRejection(key.keyId, key.keyState);
  if (key.keyState !== 'Enabled') {
    ctx.store.mutate((writer) => {
      writer.editKey(key).keyState = 'Enabled';
    });
  }
  return {};
}

export function disableKey(ctx: ActionContext): object {
  const key = ctx.store.resolveKey(ctx.region, ctx.params.required('KeyId'));
  if (key.keyState === 'PendingDeletion' || key.keyState === 'PendingImport') throw stateRejection(key.keyId, key.keyState);
  if (key.keyState !== 'Disabled') {
    ctx.store.mutate((writer) => {
      writer.editKey(key).keyState = 'Disabled';
    });
  }
  return {};
}

/** The key goes away when DeleteDate arrives on the emulator clock (see EmulatorStore.purgeDeletedKeys). */
export function scheduleKeyDeletion(ctx: ActionContext): object {
  const key = ctx.store.resolveKey(ctx.region, ctx.params.required('KeyId'));
  const days = ctx.params.integer('PendingWindowInDays', 7, 366);
  if (days === undefined) throw missingParameter('PendingWindowInDays');
  if (key.keyState === 'PendingDeletion') throw stateRejection(key.keyId, key.keyState);
  ctx.store.mutate((writer) => {
    const edited = writer.editKey(key);
    edited.stateBeforeDeletion = edited.keyState;
    edited.keyState = 'PendingDeletion';
    edited.deleteDate = formatDate(ctx.nowMs + days * 86_400_000);
  });
  return {};
}

/** A cancelled deletion leaves the key Enabled, as the service documents; a key still without material returns to PendingImport. */
export function cancelKeyDeletion(ctx: ActionContext): object {
  const key = ctx.store.resolveKey(ctx.region, ctx.params.required('KeyId'));
  if (key.keyState !== 'PendingDeletion') {
    throw new KmsServiceError('Rejected.UnsupportedOperation', `The key ${key.keyId} is ${key.keyState}, not PendingDeletion; there is no deletion to cancel.`);
  }
  ctx.store.mutate((writer) => {
    const edited = writer.editKey(key);
    edited.keyState = edited.stateBeforeDeletion === 'PendingImport' ? 'PendingImport' : 'Enabled';
    edited.stateBeforeDeletion = '';
    edited.deleteDate = '';
  });
  return {};
}

/** Automatic rotation: symmetric, Enabled keys whose material KMS made (not EXTERNAL). */
export function updateRotationPolicy(ctx: ActionContext): object {
  const key = ctx.store.resolveKey(ctx.region, ctx.params.required('KeyId'));
  const enable = ctx.params.boolean('EnableAutomaticRotation');
  if (enable === undefined) throw missingParameter('EnableAutomaticRotation');
  let seconds = 0;
  if (enable) {
    const text = ctx.params.required('RotationInterval');
    const parsed = parseRotationInterval(text);
    if (typeof parsed === 'string') throw invalidParameter('RotationInterval', text, parsed);
    seconds = parsed;
  }
  if (isAsymmetricKeySpec(key.keySpec)) {
    throw new KmsServiceError('Rejected.UnsupportedOperation', `The key ${key.keyId} is asymmetric (${key.keySpec}); automatic rotation is for symmetric keys only.`);
  }
  if (key.origin === 'EXTERNAL') {
    throw new KmsServiceError('Rejected.UnsupportedOperation', `The key ${key.keyId} has Origin EXTERNAL; automatic rotation is not supported for it.`);
  }
  if (key.keyState !== 'Enabled') throw stateRejection(key.keyId, key.keyState);
  ctx.store.mutate((writer) => {
    const edited = writer.editKey(key);
    edited.automaticRotation = enable ? 'Enabled' : 'Disabled';
    edited.rotationIntervalSeconds = seconds;
  });
  return {};
}
