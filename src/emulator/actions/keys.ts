/** CreateKey, DescribeKey and ListKeys. */
import { KEY_ORIGINS, KEY_SPECS, KEY_USAGES, PROTECTION_LEVELS, isAsymmetricKeySpec, type ProtectionLevel } from '../../kms/wire/enums.js';
import { KmsServiceError, invalidParameter } from '../errors.js';
import { formatDate } from '../dates.js';
import { newKeyId, newVersionId } from '../ids.js';
import { findInstance } from '../instances.js';
import { parseRotationInterval, usageProblem, usagesFor } from '../key-rules.js';
import type { InstanceRecord, KeyRecord, Scope } from '../model.js';
import { page } from '../params.js';
import { resolveKey } from '../resolve-key.js';
import type { EmulatorStore } from '../store.js';
import { toWireKeyListEntry, toWireKeyMetadata } from '../wire-model.js';
import type { ActionContext, ActionHandler } from './context.js';
import { filterKeys } from './list-keys-filters.js';

export const createKey: ActionHandler<'CreateKey'> = (ctx) => {
  const { params } = ctx;
  const keySpec = params.oneOf('KeySpec', KEY_SPECS, 'Aliyun_AES_256');
  const keyUsage = params.oneOf('KeyUsage', KEY_USAGES, usagesFor(keySpec)[0] ?? 'ENCRYPT/DECRYPT');
  const usageIssue = usageProblem(keySpec, keyUsage);
  if (usageIssue) throw invalidParameter('KeyUsage', keyUsage, usageIssue);
  const origin = params.oneOf('Origin', KEY_ORIGINS, 'Aliyun_KMS');
  const requestedLevel = params.oneOf('ProtectionLevel', PROTECTION_LEVELS, 'SOFTWARE');
  const description = params.optional('Description') ?? '';
  if (description.length > 8192) throw invalidParameter('Description', `${description.slice(0, 20)}...`, 'is longer than 8192 characters');
  const rotationSeconds = readRotation(ctx, keySpec, origin);
  const instance = placeIn(ctx.store, ctx.scope, params.optional('DKMSInstanceId'));

  const now = formatDate(ctx.nowMs);
  const keyId = newKeyId(ctx.scope.region);
  const dkmsInstanceId = instance?.instanceId ?? '';
  const key: KeyRecord = {
    keyId,
    account: ctx.scope.account,
    region: ctx.scope.region,
    keySpec,
    keyUsage,
    // A BYOK key has no material until it is imported.
    keyState: origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    origin,
    protectionLevel: instance === undefined ? requestedLevel : protectionLevelOf(instance),
    dkmsInstanceId,
    description,
    creationDate: now,
    creator: ctx.scope.account,
    deleteDate: '',
    stateBeforeDeletion: '',
    automaticRotation: rotationSeconds > 0 ? 'Enabled' : 'Disabled',
    rotationIntervalSeconds: rotationSeconds,
    deletionProtection: 'Disabled',
    deletionProtectionDescription: '',
    versions: [{ keyVersionId: newVersionId({ keyId, dkmsInstanceId }), creationDate: now }],
  };
  const added = ctx.store.mutate((writer) => writer.addKey(key));
  return { KeyMetadata: toWireKeyMetadata(added) };
};

/**
 * The instance `DKMSInstanceId` names, in the caller's account and region. An unknown one is a 404
 * (`Forbidden.ResourceNotFound`; no page names the exact code); a full one is refused, as the key's
 * initial version would take a unit of its key quota.
 */
function placeIn(store: EmulatorStore, scope: Scope, instanceId: string | undefined): Readonly<InstanceRecord> | undefined {
  if (instanceId === undefined) return undefined;
  const instance = findInstance(store, scope, instanceId);
  if (instance === undefined) {
    throw new KmsServiceError('Forbidden.ResourceNotFound', `The KMS instance ${instanceId} does not exist in region ${scope.region}.`);
  }
  if (store.instanceUsage(instance.instanceId) >= instance.keyNum) {
    throw new KmsServiceError('Rejected.LimitExceeded', `The key quota of the KMS instance ${instance.instanceId} (${instance.keyNum}) is used up.`);
  }
  return instance;
}

/** Keys in a hardware instance are HSM-protected, in a software one software-protected, whatever the request asked. */
function protectionLevelOf(instance: Readonly<InstanceRecord>): ProtectionLevel {
  return instance.kind === 'hardware' ? 'HSM' : 'SOFTWARE';
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

export const describeKey: ActionHandler<'DescribeKey'> = (ctx) => {
  const key = resolveKey(ctx.store, ctx.scope, ctx.params.required('KeyId'));
  return { KeyMetadata: toWireKeyMetadata(key) };
};

export const listKeys: ActionHandler<'ListKeys'> = (ctx) => {
  const paging = ctx.params.paging();
  const keys = filterKeys(ctx.store.keysIn(ctx.scope), ctx.params.optional('Filters'));
  const { items, ...fields } = page(keys, paging);
  return { Keys: { Key: items.map(toWireKeyListEntry) }, ...fields };
};
