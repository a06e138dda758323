/**
 * One seed key as a key record, checked against the service's rules (reported with the field's path),
 * so that a seed can never describe a key the API would have refused.
 */
import { MAX_KEY_VERSIONS, isAsymmetricKeySpec, type ProtectionLevel } from '../kms/wire/enums.js';
import { DATE_RANGE_TEXT, floorToSecond, formatDate, isStorableDate, parseSeedDate } from './dates.js';
import { derivedVersionId } from './ids.js';
import { parseRotationInterval, usageProblem, usagesFor } from './key-rules.js';
import type { InstanceRecord, KeyRecord, Scope } from './model.js';
import type { SeedKey } from './seed-types.js';

export type Report = (field: (string | number)[], message: string) => void;

export function buildSeedKey(seed: SeedKey, scope: Scope, instance: Readonly<InstanceRecord> | undefined, nowMs: number, report: Report): KeyRecord {
  const date = (field: (string | number)[], text: string | undefined, fallback: number): number => {
    const ms = text === undefined ? fallback : parseSeedDate(text, nowMs);
    if (ms === undefined) report(field, `${JSON.stringify(text)} is not a valid date`);
    else if (!isStorableDate(ms)) report(field, `${text === undefined ? 'the default date' : JSON.stringify(text)} is outside the dates the emulator can hold (${DATE_RANGE_TEXT})`);
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
  if (seed.deletionProtectionDescription !== undefined && seed.deletionProtection !== true) {
    report(['deletionProtectionDescription'], 'a deletion protection description needs deletionProtection: true');
  }
  const protectionLevel = protectionLevelOf(seed, instance, report);

  const dkmsInstanceId = seed.dkmsInstanceId ?? '';
  const firstVersionDate = seed.versions?.[0]?.creationDate;
  const creationMs = date(['creationDate'], seed.creationDate ?? firstVersionDate, floorToSecond(nowMs));
  const versions = (seed.versions ?? [{}]).map((version, i) => {
    if (i > 0 && version.creationDate === undefined) report(['versions', i], 'every version but the first needs a creationDate');
    return {
      keyVersionId: version.id ?? derivedVersionId({ keyId: seed.id, dkmsInstanceId }, `${seed.id}/versions/${i}`),
      creationMs: date(['versions', i, 'creationDate'], version.creationDate, creationMs),
    };
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
    account: scope.account,
    region: scope.region,
    keySpec: spec,
    keyUsage: usage,
    keyState: state,
    origin,
    protectionLevel,
    dkmsInstanceId,
    description: seed.description ?? '',
    creationDate: formatDate(creationMs),
    creator: scope.account,
    deleteDate: state === 'PendingDeletion' ? formatDate(date(['deleteDate'], seed.deleteDate, nowMs + 30 * 86_400_000)) : '',
    stateBeforeDeletion: state === 'PendingDeletion' ? (origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled') : '',
    automaticRotation: rotationSeconds > 0 ? 'Enabled' : 'Disabled',
    rotationIntervalSeconds: rotationSeconds,
    deletionProtection: seed.deletionProtection === true ? 'Enabled' : 'Disabled',
    deletionProtectionDescription: seed.deletionProtection === true ? (seed.deletionProtectionDescription ?? '') : '',
    versions: versions.map((v) => ({ keyVersionId: v.keyVersionId, creationDate: formatDate(v.creationMs) })),
  };
}

/** A key in a hardware instance is HSM-protected, in a software one software-protected; elsewhere as the seed says. */
function protectionLevelOf(seed: SeedKey, instance: Readonly<InstanceRecord> | undefined, report: Report): ProtectionLevel {
  if (instance === undefined) return seed.protectionLevel ?? 'SOFTWARE';
  const level = instance.kind === 'hardware' ? 'HSM' : 'SOFTWARE';
  if (seed.protectionLevel !== undefined && seed.protectionLevel !== level) {
    report(['protectionLevel'], `a key in the ${instance.kind} instance ${instance.instanceId} has ProtectionLevel ${level}`);
  }
  return level;
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
