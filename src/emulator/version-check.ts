/**
 * CreateKeyVersion's checks, as the service makes them: the facts of the key (its placement from its
 * instance's real kind, its versions, its instance's key quota) go to the rules of its edition in
 * src/service-rules, which hold each rule once for the planner and the emulator alike. The emulator
 * applies only the rules a page documents (`rules: 'service'`), not those kmsctl adds where a page is
 * silent. A refusal names the rule it broke.
 */
import { citeRule, evaluateCreateKeyVersion, placementOf, type KeyFacts } from '../service-rules/index.js';
import { formatDate } from './dates.js';
import { KmsServiceError } from './errors.js';
import { findInstance } from './instances.js';
import { newestVersion, type KeyView } from './model.js';
import type { EmulatorStore } from './store.js';

/** Throws the service's refusal when `key` may not get a new version at `nowMs`. */
export function checkCreateKeyVersion(store: EmulatorStore, key: KeyView, nowMs: number): void {
  const verdict = evaluateCreateKeyVersion(keyFacts(store, key), nowMs, { rules: 'service' });
  if (verdict.allowed) return;
  const when = verdict.earliestMs === undefined ? '' : `; the earliest time for a new version is ${formatDate(verdict.earliestMs)}`;
  throw new KmsServiceError(verdict.serviceCode, `The key ${key.keyId} cannot get a new version: ${verdict.reason}${when}. See ${citeRule(verdict.rule)}.`);
}

function keyFacts(store: EmulatorStore, key: KeyView): KeyFacts {
  const instance = key.dkmsInstanceId === '' ? undefined : findInstance(store, key, key.dkmsInstanceId);
  return {
    keyId: key.keyId,
    keySpec: key.keySpec,
    keyState: key.keyState,
    origin: key.origin,
    // The kind the instance really is; only a key whose instance the emulator does not know falls back to its ProtectionLevel.
    placement: placementOf({ dkmsInstanceId: key.dkmsInstanceId, protectionLevel: key.protectionLevel, instanceKind: instance?.kind }),
    versionCount: key.versions.length,
    lastVersionMs: Date.parse(newestVersion(key).creationDate),
    instanceKeyQuotaLeft: instance === undefined ? undefined : instance.keyNum - store.instanceUsage(instance.instanceId),
  };
}
