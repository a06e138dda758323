/** CreateAlias, DeleteAlias, ListAliases and ListAliasesByKeyId. Aliases are unique per region. */
import { KmsServiceError, invalidParameter } from '../errors.js';
import { aliasNameProblem } from '../key-rules.js';
import { toWireAlias } from '../model.js';
import { page } from '../params.js';
import type { ActionContext } from './context.js';

export function createAlias(ctx: ActionContext): object {
  const aliasName = ctx.params.required('AliasName');
  const problem = aliasNameProblem(aliasName);
  if (problem) throw invalidParameter('AliasName', aliasName, problem);
  const key = ctx.store.resolveKey(ctx.region, ctx.params.required('KeyId'));
  if (ctx.store.alias(ctx.region, aliasName)) {
    throw new KmsServiceError('Rejected.ResourceExist', `The alias ${aliasName} already exists in region ${ctx.region}.`);
  }
  ctx.store.mutate((writer) => writer.putAlias({ region: ctx.region, aliasName, keyId: key.keyId }));
  return {};
}

export function deleteAlias(ctx: ActionContext): object {
  const aliasName = ctx.params.required('AliasName');
  if (!ctx.store.alias(ctx.region, aliasName)) {
    throw new KmsServiceError('Forbidden.AliasNotFound', `The alias ${aliasName} does not exist in region ${ctx.region}.`);
  }
  ctx.store.mutate((writer) => writer.removeAlias(ctx.region, aliasName));
  return {};
}

export function listAliases(ctx: ActionContext): object {
  const paging = ctx.params.paging();
  const { items, ...fields } = page(ctx.store.aliasesIn(ctx.region), paging);
  return { Aliases: { Alias: items.map((alias) => toWireAlias(alias, ctx.uid)) }, ...fields };
}

export function listAliasesByKeyId(ctx: ActionContext): object {
  const paging = ctx.params.paging();
  const key = ctx.store.resolveKey(ctx.region, ctx.params.required('KeyId'));
  const { items, ...fields } = page(ctx.store.aliasesOf(key.keyId), paging);
  return { Aliases: { Alias: items.map((alias) => toWireAlias(alias, ctx.uid)) }, ...fields };
}
