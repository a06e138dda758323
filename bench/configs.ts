/**
 * Writes the kmsctl configs the benchmark plans and applies: a directory with one file per (account,
 * region) pair, as a team that splits its config by account and region keeps it. Each file sets the
 * pair in `defaults` and declares its keys by alias; the `accounts:` layout adds the accounts once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fleet, FleetKey } from './fleet.js';
import { accountSpecs, type Pair } from './pairs.js';

export interface ConfigStyle {
  /** `rotation.maxAge` of every key. */
  maxAge: string;
  /** Pin every live version, as `kmsctl import` writes a config. */
  pinVersions: boolean;
}

/** Writes `<dir>/<name>/` holding the keys given (of the fleet's pairs) and returns the directory. */
export function writeConfig(dir: string, name: string, fleet: Fleet, keys: readonly FleetKey[], style: ConfigStyle): string {
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  const byPair = new Map<number, FleetKey[]>();
  for (const key of keys) {
    const list = byPair.get(key.pair) ?? [];
    list.push(key);
    byPair.set(key.pair, list);
  }
  const pairs = [...byPair.keys()].map((i) => fleet.pairs[i] as Pair);
  const accounts = accountSpecs(pairs);
  if (Object.keys(accounts).length > 0) {
    const lines = ['# Written by the kmsctl benchmark (bench/configs.ts).', 'version: 1', 'accounts:'];
    for (const [account, { roleArn }] of Object.entries(accounts)) lines.push(`  ${account}:`, `    roleArn: ${roleArn}`);
    lines.push('keys: {}');
    writeFileSync(join(out, '00-accounts.yaml'), `${lines.join('\n')}\n`);
  }
  for (const [index, pairKeys] of byPair) {
    const pair = fleet.pairs[index] as Pair;
    const lines = ['# Written by the kmsctl benchmark (bench/configs.ts).', 'version: 1', 'defaults:'];
    if (pair.account !== undefined) lines.push(`  account: ${pair.account}`);
    lines.push(`  region: ${pair.region}`, '  rotation:', `    maxAge: ${style.maxAge}`, 'keys:');
    for (const key of pairKeys) {
      lines.push(`  ${key.name}:`, `    keyId: ${key.alias}`);
      if (style.pinVersions) {
        lines.push('    versions:');
        for (const id of key.versionIds) lines.push(`      - id: ${id}`);
      }
    }
    writeFileSync(join(out, `pair-${String(index + 1).padStart(3, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
  return out;
}
