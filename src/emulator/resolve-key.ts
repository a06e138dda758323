/**
 * The key a `KeyId` parameter names, as the caller's account sees it in the request's region: a key
 * ID, an alias (`alias/...`), or an ARN (`acs:kms:<region>:<uid>:key/<id>` or `...:alias/<name>`), which
 * the newer pages accept wherever a KeyId goes. An ARN of another region or account names nothing the
 * caller can see, so it gets the same not-found answer as an unknown key: the service never tells a
 * caller about another account's keys.
 */
import { looksLikeArn, parseKmsArn } from './arn.js';
import { KmsServiceError } from './errors.js';
import { inScope, type KeyView, type Scope } from './model.js';
import type { EmulatorStore } from './store.js';

export function resolveKey(store: EmulatorStore, scope: Scope, keyRef: string): KeyView {
  if (looksLikeArn(keyRef)) return resolveArn(store, scope, keyRef);
  if (keyRef.startsWith('alias/')) return resolveAlias(store, scope, keyRef);
  const key = store.keyById(keyRef);
  if (key === undefined || !inScope(key, scope)) throw keyNotFound(keyRef, scope);
  return key;
}

function resolveArn(store: EmulatorStore, scope: Scope, arn: string): KeyView {
  const parsed = parseKmsArn(arn);
  if (parsed === undefined || parsed.region !== scope.region || parsed.account !== scope.account) throw keyNotFound(arn, scope);
  if (parsed.resource.startsWith('alias/')) return resolveAlias(store, scope, parsed.resource);
  if (!parsed.resource.startsWith('key/')) throw keyNotFound(arn, scope);
  const keyId = parsed.resource.slice('key/'.length);
  const key = store.keyById(keyId);
  if (key === undefined || !inScope(key, scope)) throw keyNotFound(arn, scope);
  return key;
}

function resolveAlias(store: EmulatorStore, scope: Scope, aliasName: string): KeyView {
  const alias = store.alias(scope, aliasName);
  if (alias === undefined) throw new KmsServiceError('Forbidden.AliasNotFound', `The alias ${aliasName} does not exist in region ${scope.region}.`);
  const target = store.keyById(alias.keyId);
  if (target === undefined) throw new KmsServiceError('Forbidden.KeyNotFound', `The key ${alias.keyId} of alias ${aliasName} does not exist.`);
  return target;
}

function keyNotFound(keyRef: string, scope: Scope): KmsServiceError {
  return new KmsServiceError('Forbidden.KeyNotFound', `The key ${keyRef} does not exist in region ${scope.region}.`);
}
