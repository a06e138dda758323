/**
 * The normalised desired state: what the planner reads. Distinct from the written config type
 * (`written-config.ts`), which mirrors the YAML; this one has every default applied and every
 * duration parsed, and keeps source ranges only for messages.
 */
import type { SourceRange } from '../diagnostics/diagnostic.js';

/** An existing version, pinned by its ID. */
export interface PinnedVersion {
  kind: 'pinned';
  /** As written: compare with `idKey`/`sameId` (version-ids.ts), which make UUIDs case-blind. */
  id: string;
  label: string | undefined;
}

/** A version wanted but not pinned: matched to an unclaimed live version, or created. */
export interface UnpinnedVersion {
  kind: 'unpinned';
  label: string | undefined;
}

export type DesiredVersion = PinnedVersion | UnpinnedVersion;

export interface RotationPolicy {
  /** Keep the newest version younger than this many seconds (at least 7 days). */
  maxAgeSeconds: number;
  /** The duration as written, for messages (`90d`). */
  maxAge: string;
  /** Warn when the next rotation falls due within this many seconds (`rotation.warnBefore`); undefined: no warning. */
  warnBeforeSeconds?: number | undefined;
  /** `warnBefore` as written, for messages. */
  warnBefore?: string | undefined;
}

/**
 * An account of the config's `accounts:` map: how to reach it, with the run's base credentials as the start.
 * Exactly one of `roleArn` (STS AssumeRole) and `profile` (an Alibaba Cloud CLI profile) is set.
 */
export interface AccountSpec {
  /** The name keys use in `account:`. */
  name: string;
  roleArn?: string | undefined;
  externalId?: string | undefined;
  sessionName?: string | undefined;
  durationSeconds?: number | undefined;
  profile?: string | undefined;
  source: SourceRange | undefined;
}

export interface DesiredKey {
  /** The logical name: how plans, --target and errors address the key. */
  name: string;
  /** The account (a name of the config's `accounts:`); undefined: the run's base identity. */
  account: string | undefined;
  /** A key ID, an `alias/...` or a key ARN (`acs:kms:<region>:<uid>:key/<id>`), as written; key-ids.ts compares them. */
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
  /** The config's `accounts:`, by name; empty without one. */
  accounts: ReadonlyMap<string, AccountSpec>;
  /** The config files read, in the order read. */
  files: string[];
}
