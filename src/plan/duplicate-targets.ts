/**
 * Two entries of the config that resolve to one key: an alias and the key's ID, an ID and its ARN, two
 * aliases of one key, in the same account and region. Written alike they are a config error already;
 * written differently they are only seen once DescribeKey has resolved them. Either would plan the
 * same key twice (and apply could send two CreateKeyVersion calls), so each such entry is an error.
 */
import type { DesiredKey } from '../config/desired-state.js';
import type { RelatedLocation } from '../diagnostics/diagnostic.js';
import { lineIndexFor } from '../diagnostics/source-position.js';
import type { SourceFiles } from '../diagnostics/source-files.js';
import { liveKeyRef } from '../state/live-state.js';
import { PLAN_ERROR_CODES } from './error-codes.js';
import { locationText } from './location-text.js';
import type { PlanError } from './types.js';

/**
 * For each entry (by index) that shares its resolved key with another, the indexes of the others.
 * `resolvedKeyId` gives an entry's key ID as the service resolved it, undefined when it was not found.
 */
export function duplicateTargets(keys: readonly DesiredKey[], resolvedKeyId: (key: DesiredKey) => string | undefined): Map<number, number[]> {
  const byTarget = new Map<string, number[]>();
  keys.forEach((key, index) => {
    const resolved = resolvedKeyId(key);
    if (resolved === undefined) return;
    const target = liveKeyRef(key.region, resolved, key.account);
    const entries = byTarget.get(target);
    if (entries) entries.push(index);
    else byTarget.set(target, [index]);
  });
  const duplicates = new Map<number, number[]>();
  for (const entries of byTarget.values()) {
    if (entries.length < 2) continue;
    for (const index of entries) duplicates.set(index, entries.filter((other) => other !== index));
  }
  return duplicates;
}

/** `key.duplicate-target`, naming this entry and the others with their config lines. */
export function duplicateTargetError(key: DesiredKey, others: readonly DesiredKey[], resolvedKeyId: string, sources: SourceFiles | undefined): PlanError {
  const names = others.map((other) => `${entryText(other, sources)} (keyId ${other.keyId})`).join(', ');
  const related: RelatedLocation[] = others.flatMap((other) =>
    other.source === undefined ? [] : [{ message: `entry ${JSON.stringify(other.name)} resolves to the same key`, source: other.source }],
  );
  return {
    code: PLAN_ERROR_CODES.keyDuplicateTarget,
    message: `${entryText(key, sources)} (keyId ${key.keyId}) and ${names} resolve to the same key ${resolvedKeyId} in ${locationText(key)}`,
    hint: 'declare each KMS key under one name: remove all but one of these entries',
    apiCode: undefined,
    requestId: undefined,
    related: related.length > 0 ? related : undefined,
  };
}

/** `"name" (kmsctl.yaml:12)`: the line when the file's text is at hand, else the file. */
function entryText(key: DesiredKey, sources: SourceFiles | undefined): string {
  const source = key.source;
  if (source === undefined) return JSON.stringify(key.name);
  const line = sources === undefined ? undefined : lineIndexFor(sources, source.file)?.positionAt(source.start).line;
  return `${JSON.stringify(key.name)} (${source.file}${line === undefined ? '' : `:${line}`})`;
}
