/** A seed as written (YAML or an object): see schemas/seed.schema.json for every field's meaning. */
import type { KeyOrigin, KeySpec, KeyState, KeyUsage, ProtectionLevel } from '../kms/wire/enums.js';

/** A date: ISO 8601 with a zone, `now`, or an offset from the emulator clock (`-8d`, `-12h`, `+1h`). */
export type SeedDate = string;

export interface SeedVersion {
  id?: string;
  creationDate?: SeedDate;
}

export interface SeedKey {
  id: string;
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
  versions?: SeedVersion[];
}

export interface SeedDocument {
  region?: string;
  keys?: SeedKey[];
}
