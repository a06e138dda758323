/** CreateKeyVersion, DescribeKeyVersion and ListKeyVersions. */
import { formatDate } from '../dates.js';
import { KmsServiceError } from '../errors.js';
import { newVersionId } from '../ids.js';
import { toWireKeyVersion } from '../model.js';
import { page } from '../params.js';
import { checkCreateKeyVersion } from '../version-rules.js';
import type { ActionContext } from './context.js';

/**
 * Check and insert run in one synchronous step inside `mutate`, persisted before the answer: no other
 * request can see the key between the 7-day check and the new version.
 */
export function createKeyVersion(ctx: ActionContext): object {
  const key = ctx.store.resolveKey(ctx.region, ctx.params.required('KeyId'));
  const version = ctx.store.mutate((writer) => {
    checkCreateKeyVersion(key, ctx.nowMs);
    const edited = writer.editKey(key);
    const created = { keyVersionId: newVersionId(), creationDate: formatDate(ctx.nowMs) };
    edited.versions.push(created);
    return created;
  });
  return { KeyVersion: toWireKeyVersion(key.keyId, version) };
}

/** With an alias as KeyId, the answer carries the resolved key ID, as the service's does. */
export function describeKeyVersion(ctx: ActionContext): object {
  const key = ctx.store.resolveKey(ctx.region, ctx.params.required('KeyId'));
  const versionId = ctx.params.required('KeyVersionId');
  const version = key.versions.find((v) => v.keyVersionId === versionId);
  if (version === undefined) {
    throw new KmsServiceError('Forbidden.KeyVersionNotFound', `The key ${key.keyId} has no version ${versionId}.`);
  }
  return { KeyVersion: toWireKeyVersion(key.keyId, version) };
}

/** The service does not promise an order; the emulator answers in creation order anyway. */
export function listKeyVersions(ctx: ActionContext): object {
  const paging = ctx.params.paging();
  const key = ctx.store.resolveKey(ctx.region, ctx.params.required('KeyId'));
  const { items, ...fields } = page(key.versions, paging);
  return { KeyVersions: { KeyVersion: items.map((version) => toWireKeyVersion(key.keyId, version)) }, ...fields };
}
