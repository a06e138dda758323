/**
 * The action table: every action the emulator serves, by its wire name, each handler typed to return
 * that action's answer (`WireActionBody<A>` of src/kms/wire/types.ts).
 */
import type { WireAction } from '../../kms/wire/types.js';
import { asymmetricSign, asymmetricVerify, getPublicKey } from '../crypto/crypto-actions.js';
import { createAlias, deleteAlias, listAliases, listAliasesByKeyId } from './aliases.js';
import type { ActionContext, ActionHandler } from './context.js';
import { setDeletionProtection } from './deletion-protection.js';
import { getKmsInstance, listKmsInstances } from './instances.js';
import { cancelKeyDeletion, disableKey, enableKey, scheduleKeyDeletion } from './key-state.js';
import { createKey, describeKey, listKeys } from './keys.js';
import { updateRotationPolicy } from './rotation-policy.js';
import { createKeyVersion, describeKeyVersion, listKeyVersions } from './versions.js';

type ActionTable = { readonly [A in WireAction]?: ActionHandler<A> };

const ACTIONS = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  CreateAlias: createAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
  ListAliasesByKeyId: listAliasesByKeyId,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  SetDeletionProtection: setDeletionProtection,
  CreateKeyVersion: createKeyVersion,
  DescribeKeyVersion: describeKeyVersion,
  ListKeyVersions: listKeyVersions,
  UpdateRotationPolicy: updateRotationPolicy,
  GetKmsInstance: getKmsInstance,
  ListKmsInstances: listKmsInstances,
  GetPublicKey: getPublicKey,
  AsymmetricSign: asymmetricSign,
  AsymmetricVerify: asymmetricVerify,
} as const satisfies ActionTable;

export type ActionName = keyof typeof ACTIONS;

export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTIONS, name);
}

/** The handler of an action, its answer seen as a plain body (the server adds `RequestId` and renders it). */
export function findAction(name: string): ((ctx: ActionContext) => object) | undefined {
  return isActionName(name) ? ACTIONS[name] : undefined;
}

export type { ActionContext, ActionHandler } from './context.js';
