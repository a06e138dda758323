/**
 * The config as written: the shape of one YAML file once it passed the JSON Schema. It mirrors the YAML
 * (durations are still strings, regions still optional); `normalise.ts` turns it into the DesiredState.
 */
import type { Document } from 'yaml';

export interface WrittenConfig {
  version: 1;
  defaults?: WrittenDefaults;
  keys: Record<string, WrittenKey>;
}

export interface WrittenDefaults {
  region?: string;
}

export interface WrittenKey {
  keyId: string;
  region?: string;
  versions?: WrittenVersion[];
  rotation?: WrittenRotation;
  maxVersions?: number;
}

export interface WrittenVersion {
  id?: string;
  label?: string;
}

export interface WrittenRotation {
  maxAge: string;
}

/** One parsed file: its document (for source ranges) and its value. */
export interface ParsedFile {
  /** Path as the user gave it (a directory's entries are joined to the directory as given). */
  path: string;
  document: Document.Parsed;
  /** The plain value of the document (after toJS); unknown until the schema says otherwise. */
  value: unknown;
}
