/** Writes the kmsctl configs the benchmark plans and applies: one entry per key, by alias. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FleetKey } from './fleet.js';

export interface ConfigStyle {
  /** `rotation.maxAge` of every key. */
  maxAge: string;
  /** Pin every live version, as `kmsctl import` writes a config. */
  pinVersions: boolean;
}

/** Writes `<dir>/<name>.yaml` and returns its path. */
export function writeConfig(dir: string, name: string, keys: readonly FleetKey[], style: ConfigStyle): string {
  const lines = ['# Written by the kmsctl benchmark (bench/configs.ts).', 'version: 1', 'keys:'];
  for (const key of keys) {
    lines.push(`  ${key.name}:`, `    keyId: ${key.alias}`, `    region: ${key.region}`);
    if (style.pinVersions) {
      lines.push('    versions:');
      for (const id of key.versionIds) lines.push(`      - id: ${id}`);
    }
    lines.push('    rotation:', `      maxAge: ${style.maxAge}`);
  }
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
