/** GetKmsInstance and ListKmsInstances: the caller's instances in the request's region (instances.ts). */
import { KmsServiceError } from '../errors.js';
import { findInstance, instancesIn, toWireKmsInstance, toWireKmsInstanceListEntry } from '../instances.js';
import { page } from '../params.js';
import type { ActionHandler } from './context.js';

/** An unknown instance (or another account's) is a 404; no page names the exact code, so `Forbidden.ResourceNotFound`. */
export const getKmsInstance: ActionHandler<'GetKmsInstance'> = (ctx) => {
  const instanceId = ctx.params.required('KmsInstanceId');
  const instance = findInstance(ctx.store, ctx.scope, instanceId);
  if (instance === undefined) {
    throw new KmsServiceError('Forbidden.ResourceNotFound', `The KMS instance ${instanceId} does not exist in region ${ctx.scope.region}.`);
  }
  return { KmsInstance: toWireKmsInstance(instance) };
};

export const listKmsInstances: ActionHandler<'ListKmsInstances'> = (ctx) => {
  const paging = ctx.params.paging();
  const { items, ...fields } = page(instancesIn(ctx.store, ctx.scope), paging);
  return { KmsInstances: { KmsInstance: items.map(toWireKmsInstanceListEntry) }, ...fields };
};
