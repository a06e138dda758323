/** A seed as written (YAML or an object): see schemas/seed.schema.json for every field's meaning. */
import type { KeyOrigin, KeySpec, KeyState, KeyUsage, KmsInstanceKind, ProtectionLevel } from '../kms/wire/enums.js';

/** A date: ISO 8601 with a zone, `now`, or an offset from the emulator clock (`-8d`, `-12h`, `+1h`). */
export type SeedDate = string;

export interface SeedVersion {
  id?: string;
  creationDate?: SeedDate;
}

export interface SeedKey {
  id: string;
  /** The owning account's UID; the base account when absent. */
  account?: string;
  region?: string;
  spec?: KeySpec;
  usage?: KeyUsage;
  state?: KeyState;
  origin?: KeyOrigin;
  protectionLevel?: ProtectionLevel;
  dkmsInstanceId?: string;
  creationDate?: SeedDate;
  description?: string;
  aliases?: string[];
  rotationInterval?: string;
  deleteDate?: SeedDate;
  deletionProtection?: boolean;
  deletionProtectionDescription?: string;
  versions?: SeedVersion[];
}

/** An account other than the base one (or the base one, to list its roles). */
export interface SeedAccount {
  uid: string;
  /** The RAM role names AssumeRole accepts in this account; any name when absent. */
  roles?: string[];
}

export interface SeedInstance {
  id: string;
  kind: KmsInstanceKind;
  account?: string;
  region?: string;
  name?: string;
  keyNum?: number;
}

export interface SeedDocument {
  /** The account of the emulator's own access key; `--account-uid` wins over it. */
  accountUid?: string;
  region?: string;
  accounts?: SeedAccount[];
  instances?: SeedInstance[];
  keys?: SeedKey[];
}
