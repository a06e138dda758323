/** `kmsctl show`: the live state of the declared keys, as text and as JSON, from the same view model. */
import type { DesiredKey } from '../config/desired-state.js';
import { earliestNextVersion, lastVersionInstant } from '../plan/limits.js';
import { formatDuration, formatInstant, parseInstant } from '../plan/instant.js';
import { isAsymmetricKeySpec, MAX_KEY_VERSIONS } from '../kms/wire/enums.js';
import { liveKeyRef, type LiveState } from '../state/live-state.js';

export interface ShownKey {
  name: string;
  keyId: string;
  region: string;
  found: boolean;
  error?: { code: string; message: string; requestId?: string | undefined } | undefined;
  resolvedKeyId?: string;
  keySpec?: string;
  keyState?: string;
  origin?: string;
  privateKeyStore?: string | undefined;
  primaryKeyVersion?: string | undefined;
  lastRotationDate?: string | undefined;
  /** When the service allows the next version; undefined for keys that cannot get versions. */
  nextVersionAllowed?: string | undefined;
  versions: { versionId: string; creationDate: string; ageSeconds: number; primary: boolean }[];
}

export function showKeys(keys: readonly DesiredKey[], live: LiveState, now: Date): ShownKey[] {
  return keys.map((key) => {
    const base = { name: key.name, keyId: key.keyId, region: key.region };
    const read = live.keys.get(liveKeyRef(key.region, key.keyId));
    if (!read || read.status !== 'found') {
      const error = read ? { code: read.code, message: read.message, requestId: read.requestId } : { code: 'key.not-read', message: 'not read' };
      return { ...base, found: false, error, versions: [] };
    }
    const { metadata, versions } = read.key;
    const earliest = earliestNextVersion(lastVersionInstant(metadata, versions));
    const canRotate = isAsymmetricKeySpec(metadata.keySpec) && metadata.origin !== 'EXTERNAL' && !metadata.dkmsInstanceId;
    return {
      ...base,
      found: true,
      resolvedKeyId: metadata.keyId,
      keySpec: metadata.keySpec,
      keyState: metadata.keyState,
      origin: metadata.origin,
      privateKeyStore: metadata.dkmsInstanceId,
      primaryKeyVersion: metadata.primaryKeyVersion,
      lastRotationDate: metadata.lastRotationDate,
      nextVersionAllowed: canRotate && earliest !== undefined && versions.length < MAX_KEY_VERSIONS ? formatInstant(Math.max(earliest, now.getTime())) : undefined,
      versions: versions.map((v) => ({
        versionId: v.keyVersionId,
        creationDate: v.creationDate,
        ageSeconds: Math.max(0, Math.floor((now.getTime() - (parseInstant(v.creationDate) ?? now.getTime())) / 1000)),
        primary: v.keyVersionId === metadata.primaryKeyVersion,
      })),
    };
  });
}

export function renderShowText(shown: readonly ShownKey[]): string {
  return shown.map(renderKey).join('\n');
}

function renderKey(key: ShownKey): string {
  const head = `${key.name} (${key.keyId}, ${key.region})`;
  if (!key.found) {
    const id = key.error?.requestId ? `, RequestId ${key.error.requestId}` : '';
    return `${head}\n  cannot read: ${key.error?.code}: ${key.error?.message}${id}\n`;
  }
  const store = key.privateKeyStore ? `, private key store ${key.privateKeyStore}` : '';
  const lines = [
    head,
    `  key ${key.resolvedKeyId}: ${key.keySpec}, ${key.keyState}, origin ${key.origin}${store}`,
    `  ${key.versions.length} of ${MAX_KEY_VERSIONS} versions; next version allowed: ${key.nextVersionAllowed ?? 'never (this key cannot get versions)'}`,
    ...key.versions.map((v) => `    ${v.primary ? '*' : ' '} ${v.versionId}  ${v.creationDate}  ${formatDuration(v.ageSeconds * 1000)} old`),
  ];
  return `${lines.join('\n')}\n`;
}

export const SHOW_JSON_FORMAT_VERSION = '1.0';

export function showToJson(shown: readonly ShownKey[], meta: { kmsctlVersion: string; now: Date }): Record<string, unknown> {
  return { format_version: SHOW_JSON_FORMAT_VERSION, kmsctl_version: meta.kmsctlVersion, read_at: formatInstant(meta.now.getTime()), keys: shown };
}
