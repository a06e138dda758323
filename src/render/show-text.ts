/** `kmsctl show` output: text and the JSON document (schemas/show.schema.json), from the same model. */
import { inProblemLocation, type LocationProblem } from '../operations/location-problems.js';
import type { ShownKey } from '../operations/show-keys.js';
import { formatDuration, formatInstant } from '../plan/instant.js';
import { MAX_KEY_VERSIONS } from '../kms/wire/enums.js';
import { JSON_FORMAT_VERSION } from './json-format.js';
import { locationProblemLine } from './location-problem-text.js';
import { accountLabel, groupByAccount, spansAccounts } from './plan-by-account.js';
import { locationFailureToJson } from './plan-json-summary.js';
import { keyWhere } from './plan-text.js';
import { createStyle } from '../style.js';
import { wrapText } from './wrap.js';

export interface ShowTextOptions {
  color: boolean;
  width: number;
  /** Locations none of whose keys could be read, shown once each before the keys. */
  problems?: readonly LocationProblem[] | undefined;
}

/** The keys, grouped by account when they span several; locations that could not be read first. */
export function renderShowText(shown: readonly ShownKey[], options: ShowTextOptions): string {
  const style = createStyle(options.color);
  const parts: string[] = [];
  const problems = options.problems ?? [];
  if (problems.length > 0) {
    const lines = problems.flatMap((problem) => wrapText(locationProblemLine(problem), options.width, '  ! ', '      '));
    parts.push(`${style.bold('Could not read these locations:')}\n${lines.join('\n')}\n`);
  }
  const grouped = spansAccounts(shown);
  for (const group of groupByAccount(shown)) {
    if (grouped) parts.push(`${style.bold(`Account ${accountLabel(group.account)}`)}\n`);
    parts.push(...group.keys.map((key) => renderKey(key, options, problems)));
  }
  return parts.join('\n');
}

function renderKey(key: ShownKey, options: ShowTextOptions, problems: readonly LocationProblem[]): string {
  const style = createStyle(options.color);
  const head = `${style.bold(key.name)} (${keyWhere(key)})`;
  // A key of a location that could not be read at all points to that location's line: once is enough.
  if (key.live === undefined && problems.some((p) => inProblemLocation(key, p) && p.code === key.error?.code)) {
    return `${head}\n  cannot read: ${key.error?.code} (its location is shown above)\n`;
  }
  if (key.live === undefined) {
    const id = key.error?.requestId ? `, RequestId ${key.error.requestId}` : '';
    return `${head}\n${wrapText(`cannot read: ${key.error?.code}: ${key.error?.message}${id}`, options.width, '  ', '    ').join('\n')}\n`;
  }
  const live = key.live;
  const store = live.kmsInstanceId ? `, in KMS instance ${live.kmsInstanceId}` : '';
  const next = live.nextVersion.allowed ? `next version allowed from ${live.nextVersion.earliest}` : `no new version: ${live.nextVersion.reason} [${live.nextVersion.code}]`;
  const lines = [
    head,
    `  key ${live.resolvedKeyId}: ${live.keySpec}, ${live.keyState}, origin ${live.origin}${store}`,
    ...wrapText(`${live.versions.length} of ${MAX_KEY_VERSIONS} versions; ${next}`, options.width, '  ', '    '),
    ...live.versions.map((v) => `    ${v.primary ? '*' : ' '} ${v.versionId}  ${v.creationDate}  ${formatDuration(v.ageSeconds * 1000)} old`),
  ];
  return `${lines.join('\n')}\n`;
}

export function showToJson(shown: readonly ShownKey[], meta: { kmsctlVersion: string; now: Date; problems?: readonly LocationProblem[] | undefined }): Record<string, unknown> {
  return {
    format_version: JSON_FORMAT_VERSION,
    kmsctl_version: meta.kmsctlVersion,
    read_at: formatInstant(meta.now.getTime()),
    location_failures: (meta.problems ?? []).map(locationFailureToJson),
    keys: shown.map((key) => {
      const live = key.live;
      const next = live?.nextVersion;
      return {
        name: key.name,
        account: key.account ?? null,
        key_id: key.keyId,
        region: key.region,
        found: live !== undefined,
        error: key.error === undefined ? null : { code: key.error.code, message: key.error.message, request_id: key.error.requestId ?? null },
        resolved_key_id: live?.resolvedKeyId ?? null,
        key_spec: live?.keySpec ?? null,
        key_state: live?.keyState ?? null,
        origin: live?.origin ?? null,
        kms_instance_id: live?.kmsInstanceId ?? null,
        primary_key_version: live?.primaryKeyVersion ?? null,
        last_rotation_date: live?.lastRotationDate ?? null,
        next_version:
          next === undefined ? null
          : next.allowed ? { allowed: true, earliest: next.earliest, code: null, reason: null }
          : { allowed: false, earliest: null, code: next.code, reason: next.reason },
        versions: (live?.versions ?? []).map((v) => ({ version_id: v.versionId, creation_date: v.creationDate, age_seconds: v.ageSeconds, primary: v.primary })),
      };
    }),
  };
}
