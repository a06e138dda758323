/**
 * The checks every cryptographic action makes before it touches a version's key, and the key itself,
 * made at the version's first use and persisted with the state (the state file is mode 0600). Made
 * lazily because most versions of a fleet are never used to sign, and an RSA key takes up to seconds.
 */
import { isAsymmetricKeySpec, type AsymmetricKeySpec, type KeyUsage } from '../../kms/wire/enums.js';
import type { ActionContext } from '../actions/context.js';
import { KmsServiceError, stateRejection } from '../errors.js';
import type { KeyView, VersionRecord } from '../model.js';
import { resolveKey } from '../resolve-key.js';
import { canMakeMaterial, makeKeyMaterial } from './key-material.js';

export interface UsableVersion {
  key: KeyView;
  spec: AsymmetricKeySpec;
  version: Readonly<VersionRecord>;
}

/**
 * The key and version the request's `KeyId` and `KeyVersionId` name, checked for `action`: the key must
 * be asymmetric, Enabled, and of `usage` when the action needs one (signing needs SIGN/VERIFY).
 */
export function usableVersion(ctx: ActionContext, action: string, usage: KeyUsage | undefined): UsableVersion {
  const key = resolveKey(ctx.store, ctx.scope, ctx.params.required('KeyId'));
  const versionId = ctx.params.required('KeyVersionId');
  const version = key.versions.find((v) => v.keyVersionId === versionId);
  if (version === undefined) throw new KmsServiceError('Forbidden.KeyVersionNotFound', `The key ${key.keyId} has no version ${versionId}.`);
  const spec = key.keySpec;
  if (!isAsymmetricKeySpec(spec)) throw unsupported(`${action} needs an asymmetric key; the key ${key.keyId} is ${spec}`);
  if (usage !== undefined && key.keyUsage !== usage) throw unsupported(`${action} needs a key whose usage is ${usage}; the key ${key.keyId} is for ${key.keyUsage}`);
  if (key.keyState !== 'Enabled') throw stateRejection(key.keyId, key.keyState);
  if (!canMakeMaterial(spec)) throw unsupported(`this emulator's Node.js cannot make ${spec} keys (its OpenSSL lacks the curve)`);
  return { key, spec, version };
}

/** The version's private key (PKCS #8 PEM), made and saved now if no action has used the version before. */
export function materialOf(ctx: ActionContext, usable: UsableVersion): string {
  if (usable.version.keyMaterial !== undefined) return usable.version.keyMaterial;
  return ctx.store.mutate((writer) => {
    const record = writer.editKey(usable.key).versions.find((v) => v.keyVersionId === usable.version.keyVersionId);
    if (record === undefined) throw new Error(`version ${usable.version.keyVersionId} left key ${usable.key.keyId} during its own request`);
    record.keyMaterial = makeKeyMaterial(usable.spec);
    return record.keyMaterial;
  });
}

function unsupported(why: string): KmsServiceError {
  return new KmsServiceError('Rejected.UnsupportedOperation', `This operation is not supported: ${why}.`);
}
