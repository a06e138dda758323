/**
 * `kmsctl report`'s model: the declared keys grouped by account and region, each with its versions (for
 * the timeline), the age of its newest version against `rotation.maxAge`, and where it stands against its
 * policy. Built from the plan and the live versions of one read (build-report.ts); the HTML page and the
 * JSON document are both rendered from it, so they can never show different figures.
 */

/**
 * Where a key stands, worst first (a key has one):
 * - `error`: the plan cannot act on the key (not found, not readable, a rule of the service refuses it);
 * - `overdue`: the newest version is older than `rotation.maxAge`;
 * - `pending`: a declared version does not exist yet; the next apply creates it;
 * - `deferred`: a declared version must wait for the interval between versions;
 * - `due-soon`: within policy, but rotation falls due within `rotation.warnBefore`;
 * - `within-policy`: the key is as its config declares.
 */
export const KEY_STATUSES = ['error', 'overdue', 'pending', 'deferred', 'due-soon', 'within-policy'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/** The statuses an auditor counts as "within policy": the key is as declared, if soon due. */
export const WITHIN_POLICY: readonly KeyStatus[] = ['due-soon', 'within-policy'];

export interface ReportVersion {
  versionId: string;
  creationDate: string;
  /** The key's primary version (the newest). */
  primary: boolean;
  /** False for a live version nothing in the config declares (drift). */
  declared: boolean;
}

export interface ReportKey {
  name: string;
  keyId: string;
  resolvedKeyId: string | undefined;
  keySpec: string | undefined;
  keyState: string | undefined;
  status: KeyStatus;
  /** The plan's action and its one-sentence reason. */
  planAction: 'no-op' | 'create' | 'deferred' | 'error';
  reason: string;
  /** `rotation.maxAge` as written and in seconds; undefined without a rotation policy. */
  maxAge: string | undefined;
  maxAgeSeconds: number | undefined;
  warnBefore: string | undefined;
  /** The newest version and its age at the report's time; undefined when none was read. */
  newest: { versionId: string; creationDate: string; ageSeconds: number } | undefined;
  /** When rotation falls due (newest version + maxAge); undefined without a policy or a readable date. */
  dueAt: string | undefined;
  /** With `rotation.warnBefore`: the due instant, when it falls within the window. */
  dueSoonAt: string | undefined;
  /** For a deferred key: the earliest time the service allows its next version. */
  deferredUntil: string | undefined;
  error: { code: string; message: string; requestId: string | undefined } | undefined;
  /** Oldest first. Empty when the key was not read. */
  versions: ReportVersion[];
}

export interface ReportGroup {
  /** An account of the config's `accounts:`; undefined: the run's base identity. */
  account: string | undefined;
  region: string;
  keys: ReportKey[];
}

export interface ReportSummary {
  keys: number;
  withinPolicy: number;
  byStatus: Record<KeyStatus, number>;
  /** Live versions that nothing declares, over all keys. */
  driftVersions: number;
  /** "N of M keys within policy on DATE", DATE the report's day (UTC). */
  sentence: string;
}

export interface FleetReport {
  /** The report's time, by the service's clock (ISO, UTC): ages are measured from it. */
  generatedAt: string;
  summary: ReportSummary;
  groups: ReportGroup[];
}
