/**
 * Where a key lives, from what the service said of it (DescribeKey's DKMSInstanceId and ProtectionLevel,
 * GetKmsInstance's answer when it was read), and how reasons say so. Never from the shape of an ID.
 */
import { placementOf, type KeyPlacement } from '../service-rules/index.js';
import type { LiveKeyFacts } from '../state/live-state.js';

export function keyPlacement(facts: LiveKeyFacts): KeyPlacement {
  const { metadata, instance } = facts;
  const readKind = instance?.status === 'read' && instance.instanceId === metadata.dkmsInstanceId ? instance.kind : undefined;
  return placementOf({ dkmsInstanceId: metadata.dkmsInstanceId, protectionLevel: metadata.protectionLevel, instanceKind: readKind });
}

/**
 * `the key is in the software KMS instance kst-... (as GetKmsInstance says)`, or, when the kind came from
 * the key, what kmsctl could not read. Undefined for a classic key.
 */
export function describePlacement(placement: KeyPlacement, facts: LiveKeyFacts): string | undefined {
  if (placement.kind === 'shared') return undefined;
  const head = `the key is in the ${placement.instanceKind} KMS instance ${placement.instanceId}`;
  if (placement.kindFrom === 'GetKmsInstance') return `${head} (as GetKmsInstance says)`;
  const level = facts.metadata.protectionLevel || '(empty)';
  const instance = facts.instance;
  const why =
    instance === undefined
      ? 'GetKmsInstance was not read'
      : instance.status === 'failed'
        ? `GetKmsInstance failed: ${instance.code}`
        : 'GetKmsInstance named no kind kmsctl knows';
  return `${head} (from its ProtectionLevel ${level}: ${why})`;
}
