/** CreateKeyVersion, DescribeKeyVersion and ListKeyVersions. */
import { formatDate } from '../dates.js';
import { KmsServiceError } from '../errors.js';
import { newVersionId } from '../ids.js';
import { page } from '../params.js';
import { resolveKey } from '../resolve-key.js';
import { checkCreateKeyVersion } from '../version-check.js';
import { toWireKeyVersion } from '../wire-model.js';
import type { ActionHandler } from './context.js';

/**
 * Check and insert run in one synchronous step inside `mutate`, persisted before the answer: no other
 * request can see the key between the checks (the 7-day rule, an instance's key quota) and the new version.
 */
export const createKeyVersion: ActionHandler<'CreateKeyVersion'> = (ctx) => {
  const key = resolveKey(ctx.store, ctx.scope, ctx.params.required('KeyId'));
  const version = ctx.store.mutate((writer) => {
    checkCreateKeyVersion(ctx.store, key, ctx.nowMs);
    const edited = writer.editKey(key);
    const created = { keyVersionId: newVersionId(key), creationDate: formatDate(ctx.nowMs) };
    edited.versions.push(created);
    return created;
  });
  return { KeyVersion: toWireKeyVersion(key.keyId, version) };
};

/**
 * With an alias as KeyId, the answer carries the resolved key ID, as the service's does. A missing
 * version is a 404 `Forbidden.KeyVersionNotFound` (kmsctl treats any not-found answer as missing).
 */
export const describeKeyVersion: ActionHandler<'DescribeKeyVersion'> = (ctx) => {
  const key = resolveKey(ctx.store, ctx.scope, ctx.params.required('KeyId'));
  const versionId = ctx.params.required('KeyVersionId');
  const version = key.versions.find((v) => v.keyVersionId === versionId);
  if (version === undefined) {
    throw new KmsServiceError('Forbidden.KeyVersionNotFound', `The key ${key.keyId} has no version ${versionId}.`);
  }
  return { KeyVersion: toWireKeyVersion(key.keyId, version) };
};

/** The service does not promise an order; the emulator answers in creation order anyway. */
export const listKeyVersions: ActionHandler<'ListKeyVersions'> = (ctx) => {
  const paging = ctx.params.paging();
  const key = resolveKey(ctx.store, ctx.scope, ctx.params.required('KeyId'));
  const { items, ...fields } = page(key.versions, paging);
  return { KeyVersions: { KeyVersion: items.map((version) => toWireKeyVersion(key.keyId, version)) }, ...fields };
};
