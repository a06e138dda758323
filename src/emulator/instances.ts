/**
 * KMS instances (KMS 3.0). Every account has, in every region, one software and one hardware instance
 * by default, so a key can be placed in either without a seed; a seed may declare more (stored in the
 * state). Default instances are not stored: their IDs are derived from the account, region and kind
 * (ids.ts), so they are the same on every run and differ between accounts.
 */
import type { KmsInstanceKind } from '../kms/wire/enums.js';
import type { WireKmsInstance, WireKmsInstanceListEntry } from '../kms/wire/types.js';
import { instanceArn } from './arn.js';
import { defaultInstanceId } from './ids.js';
import { inScope, type InstanceRecord, type Scope } from './model.js';
import type { EmulatorStore } from './store.js';

/** Key quota of a default instance, and of a declared one that names none: the smallest the service sells. */
export const DEFAULT_KEY_NUM = 1000;

/** When the default instances say they were made: a fixed date, as their IDs are fixed. */
const DEFAULT_CREATE_TIME = '2025-01-01T00:00:00Z';

const KINDS: readonly KmsInstanceKind[] = ['software', 'hardware'];

/** The default software and hardware instance of a scope. */
export function defaultInstances(scope: Scope): InstanceRecord[] {
  return KINDS.map((kind) => ({
    instanceId: defaultInstanceId(scope.account, scope.region, kind),
    account: scope.account,
    region: scope.region,
    kind,
    name: `default-${kind}`,
    keyNum: DEFAULT_KEY_NUM,
    createTime: DEFAULT_CREATE_TIME,
  }));
}

/** The instances a caller sees in a scope: the defaults, then the declared ones in declaration order. */
export function instancesIn(store: EmulatorStore, scope: Scope): Readonly<InstanceRecord>[] {
  return [...defaultInstances(scope), ...store.declaredInstancesIn(scope)];
}

/** An instance of the scope by ID, or undefined: another account's or region's instance is not found either. */
export function findInstance(store: EmulatorStore, scope: Scope, instanceId: string): Readonly<InstanceRecord> | undefined {
  const declared = store.declaredInstance(instanceId);
  if (declared !== undefined) return inScope(declared, scope) ? declared : undefined;
  return defaultInstances(scope).find((instance) => instance.instanceId === instanceId);
}

/**
 * GetKmsInstance's `KmsInstance`. The SDK reference lists only billing codes for `ProductType`
 * (`kms_ddi_public_cn`, ...), which do not say the kind; kmsctl's wire contract reads the kind from
 * ProductType (`instanceKindFromProduct`), so the emulator names it there.
 */
export function toWireKmsInstance(instance: Readonly<InstanceRecord>): WireKmsInstance {
  return {
    InstanceId: instance.instanceId,
    InstanceName: instance.name,
    Status: 'Connected',
    CreateTime: instance.createTime,
    Spec: 1000,
    KeyNum: instance.keyNum,
    SecretNum: '0',
    VpcNum: 1,
    ProductType: `kms_${instance.kind}_key_management`,
    ProductVersion: '3',
  };
}

export function toWireKmsInstanceListEntry(instance: Readonly<InstanceRecord>): WireKmsInstanceListEntry {
  return { KmsInstanceId: instance.instanceId, KmsInstanceArn: instanceArn(instance.region, instance.account, instance.instanceId) };
}
