/** In-memory builders of the normalised desired state, for tests of the planner and everything after it. */
import type {
  DesiredKey,
  DesiredState,
  PinnedVersion,
  RotationPolicy,
  UnpinnedVersion,
} from '../../src/config/desired-state.js';

/** A version entry pinned to `id`. */
export function pinned(id: string, label?: string): PinnedVersion {
  return { kind: 'pinned', id, label };
}

/** A version entry that is matched to an unclaimed live version, or created. */
export function unpinned(label?: string): UnpinnedVersion {
  return { kind: 'unpinned', label };
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** A rotation policy from a written duration: `90d`, `12h`, `604800s`, `2w`. */
export function rotation(maxAge: string): RotationPolicy {
  const match = /^(\d+)([smhdw])$/.exec(maxAge);
  if (match === null) throw new Error(`rotation(): cannot read duration ${JSON.stringify(maxAge)}`);
  return { maxAge, maxAgeSeconds: Number(match[1]) * (UNIT_SECONDS[match[2] ?? 's'] ?? 1) };
}

export interface DesiredKeyInput {
  name?: string;
  account?: string;
  keyId?: string;
  region?: string;
  versions?: DesiredKey['versions'];
  /** A policy, or a written duration such as `90d`. */
  rotation?: RotationPolicy | string;
  maxVersions?: number;
}

/** A declared key; defaults: name `signing`, key `key-signing`, region `cn-hangzhou`, no versions. */
export function desiredKey(input: DesiredKeyInput = {}): DesiredKey {
  return {
    name: input.name ?? 'signing',
    account: input.account,
    keyId: input.keyId ?? 'key-signing',
    region: input.region ?? 'cn-hangzhou',
    versions: input.versions ?? [],
    rotation: typeof input.rotation === 'string' ? rotation(input.rotation) : input.rotation,
    maxVersions: input.maxVersions,
    source: undefined,
  };
}

export function desiredState(...keys: DesiredKey[]): DesiredState {
  return { keys, accounts: new Map(), files: ['kmsctl.yaml'] };
}
