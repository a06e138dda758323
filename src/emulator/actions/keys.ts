/** CreateKey, DescribeKey and ListKeys. */
import { KEY_ORIGINS, KEY_SPECS, KEY_USAGES, PROTECTION_LEVELS, isAsymmetricKeySpec } from '../../kms/wire/enums.js';
import { KmsServiceError, invalidParameter } from '../errors.js';
import { formatDate } from '../dates.js';
import { newKeyId, newVersionId } from '../ids.js';
import { parseRotationInterval, usageProblem, usagesFor } from '../key-rules.js';
import { keyArn, toWireKeyMetadata, type KeyRecord } from '../model.js';
import { page } from '../params.js';
import type { ActionContext } from './context.js';
import { filterKeys } from './list-keys-filters.js';

export function createKey(ctx: ActionContext): object {
  const { params } = ctx;
  const keySpec = params.oneOf('KeySpec', KEY_SPECS, 'Aliyun_AES_256');
  const keyUsage = params.oneOf('KeyUsage', KEY_USAGES, usagesFor(keySpec)[0] ?? 'ENCRYPT/DECRYPT');
  const usageIssue = usageProblem(keySpec, keyUsage);
  if (usageIssue) throw invalidParameter('KeyUsage', keyUsage, usageIssue);
  const origin = params.oneOf('Origin', KEY_ORIGINS, 'Aliyun_KMS');
  const protectionLevel = params.oneOf('ProtectionLevel', PROTECTION_LEVELS, 'SOFTWARE');
  const description = params.optional('Description') ?? '';
  if (description.length > 8192) throw invalidParameter('Description', `${description.slice(0, 20)}...`, 'is longer than 8192 characters');
  const rotationSeconds = readRotation(ctx, keySpec, origin);

  const now = formatDate(ctx.nowMs);
  const external = origin === 'EXTERNAL';
  const key: KeyRecord = {
    keyId: newKeyId(ctx.region),
    region: ctx.region,
    keySpec,
    keyUsage,
    // A BYOK key has no material until it is imported.
    keyState: external ? 'PendingImport' : 'Enabled',
    origin,
    protectionLevel,
    dkmsInstanceId: params.optional('DKMSInstanceId') ?? '',
    description,
    creationDate: now,
    creator: ctx.uid,
    deleteDate: '',
    stateBeforeDeletion: '',
    automaticRotation: rotationSeconds > 0 ? 'Enabled' : 'Disabled',
    rotationIntervalSeconds: rotationSeconds,
    versions: [{ keyVersionId: newVersionId(), creationDate: now }],
  };
  const added = ctx.store.mutate((writer) => writer.addKey(key));
  return { KeyMetadata: toWireKeyMetadata(added, ctx.uid) };
}

/** EnableAutomaticRotation/RotationInterval at creation: symmetric keys with KMS-made material only. */
function readRotation(ctx: ActionContext, keySpec: string, origin: string): number {
  const enable = ctx.params.boolean('EnableAutomaticRotation') ?? false;
  const intervalText = ctx.params.optional('RotationInterval');
  if (!enable) return 0;
  if (isAsymmetricKeySpec(keySpec)) {
    throw new KmsServiceError('Rejected.UnsupportedOperation', `Automatic rotation is not supported for asymmetric keys (${keySpec}).`);
  }
  if (origin === 'EXTERNAL') throw new KmsServiceError('Rejected.UnsupportedOperation', 'Automatic rotation is not supported for keys with Origin EXTERNAL.');
  const parsed = parseRotationInterval(intervalText ?? '365d');
  if (typeof parsed === 'string') throw invalidParameter('RotationInterval', intervalText ?? '', parsed);
  return parsed;
}

export function describeKey(ctx: ActionContext): object {
  const key = ctx.store.resolveKey(ctx.region, ctx.params.required('KeyId'));
  return { KeyMetadata: toWireKeyMetadata(key, ctx.uid) };
}

export function listKeys(ctx: ActionContext): object {
  const paging = ctx.params.paging();
  const keys = filterKeys(ctx.store.keysIn(ctx.region), ctx.params.optional('Filters'));
  const { items, ...fields } = page(keys, paging);
  return { Keys: { Key: items.map((key) => ({ KeyId: key.keyId, KeyArn: keyArn(key.region, ctx.uid, key.keyId) })) }, ...fields };
}
