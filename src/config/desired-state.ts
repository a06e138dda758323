/**
 * The normalised desired state: what the planner reads. Distinct from the written config type
 * (`written-config.ts`), which mirrors the YAML; this one has every default applied and every
 * duration parsed, and keeps source ranges only for messages.
 */
import type { SourceRange } from '../diagnostics/diagnostic.js';

/** An existing version, pinned by its ID. */
export interface PinnedVersion {
  kind: 'pinned';
  id: string;
  label: string | undefined;
  source: SourceRange | undefined;
}

/** A version wanted but not pinned: matched to an unclaimed live version, or created. */
export interface UnpinnedVersion {
  kind: 'unpinned';
  label: string | undefined;
  source: SourceRange | undefined;
}

export type DesiredVersion = PinnedVersion | UnpinnedVersion;

export interface RotationPolicy {
  /** Keep the newest version younger than this many seconds (at least 7 days). */
  maxAgeSeconds: number;
  /** The duration as written, for messages (`90d`). */
  maxAge: string;
}

export interface DesiredKey {
  /** The logical name: how plans, --target and errors address the key. */
  name: string;
  /** A key ID or `alias/...`, as written. */
  keyId: string;
  region: string;
  /** Oldest first, as declared. */
  versions: DesiredVersion[];
  rotation: RotationPolicy | undefined;
  /** The key's own ceiling; the service's cap (50) applies regardless. */
  maxVersions: number | undefined;
  /** Where the key's entry stands in the config. */
  source: SourceRange | undefined;
}

export interface DesiredState {
  keys: DesiredKey[];
  /** The config files read, in the order read. */
  files: string[];
}
