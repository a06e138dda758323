/**
 * The config as written: the shape of one YAML file once it passed the JSON Schema. It mirrors the YAML
 * (durations are still strings, regions still optional); `normalise.ts` turns it into the DesiredState.
 */
import type { Document } from 'yaml';

export interface WrittenConfig {
  version: 1;
  accounts?: Record<string, WrittenAccount>;
  defaults?: WrittenDefaults;
  keys: Record<string, WrittenKey>;
}

/** How to reach an account: `roleArn` (with its options) or `profile`, exactly one (a rule checks that). */
export interface WrittenAccount {
  roleArn?: string;
  externalId?: string;
  sessionName?: string;
  durationSeconds?: number;
  profile?: string;
}

/** Per file; a key's own value wins, field by field. */
export interface WrittenDefaults {
  account?: string;
  region?: string;
  rotation?: WrittenRotation;
  maxVersions?: number;
}

export interface WrittenKey {
  account?: string;
  /** Required by the schema; absent only in an entry that failed it. */
  keyId?: string;
  region?: string;
  versions?: WrittenVersion[];
  rotation?: WrittenRotation;
  maxVersions?: number;
}

export interface WrittenVersion {
  id?: string;
  label?: string;
}

/** Either field may come from `defaults.rotation` instead. */
export interface WrittenRotation {
  maxAge?: string;
  warnBefore?: string;
}

/** One parsed file: its document (for source ranges) and its value. */
export interface ParsedFile {
  /** Path as the user gave it (a directory's entries are joined to the directory as given). */
  path: string;
  document: Document.Parsed;
  /** The plain value of the document (after toJS); unknown until the schema says otherwise. */
  value: unknown;
}
