/**
 * Written config → desired state, for one key entry that passed both validation passes: its file's
 * defaults applied, the region resolved, durations in seconds, versions tagged pinned or unpinned, ranges
 * kept for messages. IDs are kept as written: only comparisons normalise them (version-ids.ts).
 */
import type { SourceRange } from '../diagnostics/diagnostic.js';
import { parseDuration } from '../time/duration.js';
import type { DesiredKey, DesiredVersion, RotationPolicy } from './desired-state.js';
import { effectiveAccount, effectiveMaxAge, effectiveMaxVersions, effectiveWarnBefore, valueOf } from './rules/effective.js';
import type { KeyRuleContext } from './rules/rule-context.js';

export function normaliseKey(context: KeyRuleContext, keyId: string, region: string): DesiredKey {
  const { key, name } = context;
  const versions: DesiredVersion[] = (key.versions ?? []).map((version, index) => {
    // Where the version is declared: its id field, else its label; one line a message can point at.
    const field = version.id !== undefined ? 'id' : version.label !== undefined ? 'label' : undefined;
    const source: SourceRange = field === undefined ? context.valueRange(['versions', index]) : context.keyRange(['versions', index, field]);
    return version.id !== undefined ? { kind: 'pinned', id: version.id, label: version.label, source } : { kind: 'unpinned', label: version.label, source };
  });
  return {
    name,
    account: valueOf(effectiveAccount(context)),
    keyId,
    region,
    versions,
    rotation: rotationOf(context),
    maxVersions: valueOf(effectiveMaxVersions(context)),
    source: context.nameRange(),
  };
}

/** The rules rejected unparsable durations before this runs; warnBefore applies only to a key that rotates. */
function rotationOf(context: KeyRuleContext): RotationPolicy | undefined {
  const maxAge = valueOf(effectiveMaxAge(context));
  if (maxAge === undefined) return undefined;
  const maxAgeSeconds = parseDuration(maxAge);
  if (!('seconds' in maxAgeSeconds)) return undefined;
  const rotation: RotationPolicy = { maxAgeSeconds: maxAgeSeconds.seconds, maxAge };
  const warnBefore = valueOf(effectiveWarnBefore(context));
  const warnBeforeSeconds = warnBefore === undefined ? undefined : parseDuration(warnBefore);
  if (warnBefore !== undefined && warnBeforeSeconds !== undefined && 'seconds' in warnBeforeSeconds) {
    rotation.warnBefore = warnBefore;
    rotation.warnBeforeSeconds = warnBeforeSeconds.seconds;
  }
  return rotation;
}
