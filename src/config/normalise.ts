/**
 * Written config → desired state, for one key entry that passed both validation passes: its file's
 * defaults applied, the region resolved, durations in seconds, versions tagged pinned or unpinned, the
 * key's range kept for messages. IDs are kept as written: only comparisons normalise them (version-ids.ts).
 */
import { parseDuration } from '../time/duration.js';
import type { DesiredKey, DesiredVersion, RotationPolicy } from './desired-state.js';
import { effectiveAccount, effectiveMaxAge, effectiveMaxVersions, effectiveWarnBefore, valueOf } from './rules/effective.js';
import type { KeyRuleContext } from './rules/rule-context.js';

export function normaliseKey(context: KeyRuleContext, keyId: string, region: string): DesiredKey {
  const { key, name } = context;
  // A version keeps no range of its own: every message about one is the config's (validation), made
  // before this runs, and a fleet that pins every version would hold a range object per version (about
  // 5 MB for 10,000 keys of 10 versions).
  const versions: DesiredVersion[] = (key.versions ?? []).map((version) =>
    version.id !== undefined ? { kind: 'pinned', id: version.id, label: version.label } : { kind: 'unpinned', label: version.label },
  );
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
