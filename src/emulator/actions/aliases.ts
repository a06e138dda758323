/** CreateAlias, DeleteAlias, ListAliases and ListAliasesByKeyId. Aliases are unique per account and region. */
import { KmsServiceError, invalidParameter, stateModifiedFailed } from '../errors.js';
import { aliasNameProblem } from '../key-rules.js';
import { page } from '../params.js';
import { resolveKey } from '../resolve-key.js';
import { toWireAlias } from '../wire-model.js';
import type { ActionHandler } from './context.js';

/** A key pending deletion gets no new alias: its aliases go with it. */
export const createAlias: ActionHandler<'CreateAlias'> = (ctx) => {
  const aliasName = ctx.params.required('AliasName');
  const problem = aliasNameProblem(aliasName);
  if (problem) throw invalidParameter('AliasName', aliasName, problem);
  const key = resolveKey(ctx.store, ctx.scope, ctx.params.required('KeyId'));
  if (ctx.store.alias(ctx.scope, aliasName)) {
    throw new KmsServiceError('Rejected.ResourceExist', `The alias ${aliasName} already exists in region ${ctx.scope.region}.`);
  }
  if (key.keyState === 'PendingDeletion') throw stateModifiedFailed(key.keyId, key.keyState, 'CreateAlias');
  ctx.store.mutate((writer) => writer.putAlias({ ...ctx.scope, aliasName, keyId: key.keyId }));
  return {};
};

export const deleteAlias: ActionHandler<'DeleteAlias'> = (ctx) => {
  const aliasName = ctx.params.required('AliasName');
  if (!ctx.store.alias(ctx.scope, aliasName)) {
    throw new KmsServiceError('Forbidden.AliasNotFound', `The alias ${aliasName} does not exist in region ${ctx.scope.region}.`);
  }
  ctx.store.mutate((writer) => writer.removeAlias(ctx.scope, aliasName));
  return {};
};

export const listAliases: ActionHandler<'ListAliases'> = (ctx) => {
  const paging = ctx.params.paging();
  const { items, ...fields } = page(ctx.store.aliasesIn(ctx.scope), paging);
  return { Aliases: { Alias: items.map(toWireAlias) }, ...fields };
};

export const listAliasesByKeyId: ActionHandler<'ListAliasesByKeyId'> = (ctx) => {
  const paging = ctx.params.paging();
  const key = resolveKey(ctx.store, ctx.scope, ctx.params.required('KeyId'));
  const { items, ...fields } = page(ctx.store.aliasesOf(key.keyId), paging);
  return { Aliases: { Alias: items.map(toWireAlias) }, ...fields };
};
