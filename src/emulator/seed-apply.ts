/**
 * Checks a structurally valid seed against the service's rules and adds its keys. Idempotent by key
 * ID: a key that exists already is skipped whole (attributes, versions, aliases), so applying a seed
 * to a state that came from it, or twice, changes nothing.
 */
import { MAX_KEY_VERSIONS, isAsymmetricKeySpec } from '../kms/wire/enums.js';
import { floorToSecond, formatDate, parseSeedDate } from './dates.js';
import { nameBasedUuid } from './ids.js';
import { aliasNameProblem, parseRotationInterval, usageProblem, usagesFor } from './key-rules.js';
import type { AliasRecord, KeyRecord } from './model.js';
import { SeedError, formatPath, type LoadedSeed, type SeedProblem } from './seed-load.js';
import type { SeedKey } from './seed-types.js';
import type { EmulatorStore } from './store.js';

export interface SeedResult {
  /** Key IDs added by this application. */
  created: string[];
  /** Key IDs that existed already and were left as they are. */
  skipped: string[];
}

export function applySeed(store: EmulatorStore, loaded: LoadedSeed, defaults: { region: string; uid: string }): SeedResult {
  const nowMs = store.clock.nowMs();
  const problems: SeedProblem[] = [];
  const report = (path: (string | number)[], message: string): void => {
    problems.push({ message: `${formatPath(path)}: ${message}`, ...loaded.locate(path) });
  };
  const region = loaded.seed.region ?? defaults.region;
  const built: { key: KeyRecord; aliases: AliasRecord[] }[] = [];
  const seenIds = new Set<string>();
  const seenAliases = new Set<string>();
  (loaded.seed.keys ?? []).forEach((seedKey, index) => {
    const at = (...rest: (string | number)[]): (string | number)[] => ['keys', index, ...rest];
    if (seenIds.has(seedKey.id)) report(at('id'), `the key ID ${seedKey.id} appears more than once`);
    seenIds.add(seedKey.id);
    const key = buildKey(seedKey, seedKey.region ?? region, defaults.uid, nowMs, (field, message) => report(at(...field), message));
    const aliases = (seedKey.aliases ?? []).map((aliasName, i) => {
      const problem = aliasNameProblem(aliasName);
      if (problem) report(at('aliases', i), `the alias ${aliasName} ${problem}`);
      const id = `${key.region}\n${aliasName}`;
      if (seenAliases.has(id)) report(at('aliases', i), `the alias ${aliasName} is used twice in region ${key.region}`);
      seenAliases.add(id);
      const existing = store.alias(key.region, aliasName);
      if (existing && existing.keyId !== key.keyId && !store.keyById(key.keyId)) {
        report(at('aliases', i), `the alias ${aliasName} already points to key ${existing.keyId} in region ${key.region}`);
      }
      return { region: key.region, aliasName, keyId: key.keyId };
    });
    built.push({ key, aliases });
  });
  if (problems.length > 0) throw new SeedError(loaded.file, problems);

  const result: SeedResult = { created: [], skipped: [] };
  store.mutate((writer) => {
    for (const { key, aliases } of built) {
      if (store.keyById(key.keyId)) {
        result.skipped.push(key.keyId);
        continue;
      }
      writer.addKey(key);
      for (const alias of aliases) writer.putAlias(alias);
      result.created.push(key.keyId);
    }
  });
  return result;
}

type Report = (field: (string | number)[], message: string) => void;

function buildKey(seed: SeedKey, region: string, uid: string, nowMs: number, report: Report): KeyRecord {
  const date = (field: (string | number)[], text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const ms = parseSeedDate(text, nowMs);
    if (ms === undefined) report(field, `${JSON.stringify(text)} is not a valid date`);
    return floorToSecond(ms ?? fallback);
  };
  const spec = seed.spec ?? 'Aliyun_AES_256';
  const usage = seed.usage ?? usagesFor(spec)[0] ?? 'ENCRYPT/DECRYPT';
  const usageIssue = usageProblem(spec, usage);
  if (usageIssue) report(['usage'], `${usage} ${usageIssue}`);
  const origin = seed.origin ?? 'Aliyun_KMS';
  const state = seed.state ?? (origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled');
  if (state === 'PendingImport' && origin !== 'EXTERNAL') report(['state'], 'only an EXTERNAL key can be PendingImport');
  if (seed.deleteDate !== undefined && state !== 'PendingDeletion') report(['deleteDate'], 'deleteDate is only for a key in state PendingDeletion');

  const firstVersionDate = seed.versions?.[0]?.creationDate;
  const creationMs = date(['creationDate'], seed.creationDate ?? firstVersionDate, floorToSecond(nowMs));
  const versions = (seed.versions ?? [{}]).map((version, i) => {
    if (i > 0 && version.creationDate === undefined) report(['versions', i], 'every version but the first needs a creationDate');
    return { keyVersionId: version.id ?? nameBasedUuid(`${seed.id}/versions/${i}`), creationMs: date(['versions', i, 'creationDate'], version.creationDate, creationMs) };
  });
  checkVersions(versions, creationMs, origin, report);

  let rotationSeconds = 0;
  if (seed.rotationInterval !== undefined) {
    const parsed = parseRotationInterval(seed.rotationInterval);
    if (typeof parsed === 'string') report(['rotationInterval'], `rotationInterval ${parsed}`);
    else rotationSeconds = parsed;
    if (isAsymmetricKeySpec(spec) || origin === 'EXTERNAL') report(['rotationInterval'], 'automatic rotation is for symmetric keys with Origin Aliyun_KMS only');
  }
  return {
    keyId: seed.id,
    region,
    keySpec: spec,
    keyUsage: usage,
    keyState: state,
    origin,
    protectionLevel: seed.protectionLevel ?? 'SOFTWARE',
    dkmsInstanceId: seed.dkmsInstanceId ?? '',
    description: seed.description ?? '',
    creationDate: formatDate(creationMs),
    creator: uid,
    deleteDate: state === 'PendingDeletion' ? formatDate(date(['deleteDate'], seed.deleteDate, nowMs + 30 * 86_400_000)) : '',
    stateBeforeDeletion: state === 'PendingDeletion' ? (origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled') : '',
    automaticRotation: rotationSeconds > 0 ? 'Enabled' : 'Disabled',
    rotationIntervalSeconds: rotationSeconds,
    versions: versions.map((v) => ({ keyVersionId: v.keyVersionId, creationDate: formatDate(v.creationMs) })),
  };
}

/** Versions oldest first, none before the key, IDs unique, at most 50, one for a BYOK key. */
function checkVersions(versions: { keyVersionId: string; creationMs: number }[], creationMs: number, origin: string, report: Report): void {
  if (versions.length > MAX_KEY_VERSIONS) report(['versions'], `a key has at most ${MAX_KEY_VERSIONS} versions, the initial one included`);
  if (origin === 'EXTERNAL' && versions.length > 1) report(['versions'], 'an EXTERNAL key has exactly one version');
  const ids = new Set<string>();
  versions.forEach((version, i) => {
    if (ids.has(version.keyVersionId)) report(['versions', i, 'id'], `the version ID ${version.keyVersionId} appears more than once`);
    ids.add(version.keyVersionId);
    if (version.creationMs < creationMs) report(['versions', i, 'creationDate'], 'a version cannot be older than its key');
    const previous = versions[i - 1];
    if (previous && version.creationMs < previous.creationMs) report(['versions', i, 'creationDate'], 'versions must be listed oldest first');
  });
}
