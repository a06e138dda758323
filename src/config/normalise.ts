/**
 * Written config → desired state, for one key entry that passed both validation passes: the region
 * resolved, the duration in seconds, versions tagged pinned or unpinned, ranges kept for messages.
 */
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { DesiredKey, DesiredVersion } from './desired-state.js';
import { parseDuration } from '../time/duration.js';
import type { KeyRuleContext } from './rules/rule-context.js';

/**
 * Version IDs are lowercased: they are UUIDs, which compare case-blind, and the service writes them in
 * lowercase, so the planner can compare them as strings.
 */
export function normaliseKey(context: KeyRuleContext, region: string): DesiredKey {
  const { key, name } = context;
  const versions: DesiredVersion[] = (key.versions ?? []).map((version, index) => {
    // Where the version is declared: its id field, else its label; one line a message can point at.
    const field = version.id !== undefined ? 'id' : version.label !== undefined ? 'label' : undefined;
    const source: SourceRange = field === undefined ? context.valueRange(['versions', index]) : context.keyRange(['versions', index, field]);
    return version.id !== undefined
      ? { kind: 'pinned', id: version.id.toLowerCase(), label: version.label, source }
      : { kind: 'unpinned', label: version.label, source };
  });
  let rotation: DesiredKey['rotation'];
  if (key.rotation) {
    const parsed = parseDuration(key.rotation.maxAge);
    // The rules rejected unparsable durations before this runs.
    if ('seconds' in parsed) rotation = { maxAgeSeconds: parsed.seconds, maxAge: key.rotation.maxAge };
  }
  return {
    name,
    account: undefined,
    keyId: key.keyId,
    region,
    versions,
    rotation,
    maxVersions: key.maxVersions,
    source: context.nameRange(),
  };
}
