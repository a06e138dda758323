/** The action table: every action the emulator serves, by its wire name. */
import { createAlias, deleteAlias, listAliases, listAliasesByKeyId } from './aliases.js';
import type { ActionHandler } from './context.js';
import { cancelKeyDeletion, disableKey, enableKey, scheduleKeyDeletion, updateRotationPolicy } from './key-state.js';
import { createKey, describeKey, listKeys } from './keys.js';
import { createKeyVersion, describeKeyVersion, listKeyVersions } from './versions.js';

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
  CreateKeyVersion: createKeyVersion,
  DescribeKeyVersion: describeKeyVersion,
  ListKeyVersions: listKeyVersions,
  UpdateRotationPolicy: updateRotationPolicy,
} as const satisfies Record<string, ActionHandler>;

export type ActionName = keyof typeof ACTIONS;

export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTIONS, name);
}

export function findAction(name: string): ActionHandler | undefined {
  return isActionName(name) ? ACTIONS[name] : undefined;
}

export type { ActionContext, ActionHandler } from './context.js';
