/** UpdateRotationPolicy: automatic rotation for symmetric, Enabled keys whose material KMS made (not EXTERNAL). */
import { isAsymmetricKeySpec } from '../../kms/wire/enums.js';
import { KmsServiceError, invalidParameter, missingParameter, stateRejection } from '../errors.js';
import { parseRotationInterval } from '../key-rules.js';
import { resolveKey } from '../resolve-key.js';
import type { ActionHandler } from './context.js';

export const updateRotationPolicy: ActionHandler<'UpdateRotationPolicy'> = (ctx) => {
  const key = resolveKey(ctx.store, ctx.scope, ctx.params.required('KeyId'));
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
};
