/**
 * The service's request quotas: per Alibaba Cloud account and region, per group of actions; the actions of
 * a group share its requests per second. Defined once: the emulator enforces these figures
 * (`kmsctl emulator --quotas service`), the client paces to them by default.
 *
 * Source: alibabacloud.com help, kms/key-management-service/product-overview/performance-data (updated
 * 2026-03-31): 50 key-management reads, 30 key-management writes, 10 CreateKey, 50 instance-management
 * reads per second. The older kms/support/limits page gives 20 reads, 10 writes and 10 CreateKey. Over a
 * quota the service answers HTTP 429 `Rejected.Throttling`. See ../../../../shared/kms-api.md, "Quotas".
 */

export const QUOTA_GROUPS = ['key-read', 'key-write', 'key-create', 'instance-read'] as const;
export type QuotaGroup = (typeof QUOTA_GROUPS)[number];

/** Requests per second for each group; `undefined`: the group is not limited. */
export type QuotaFigures = Readonly<Record<QuotaGroup, number | undefined>>;

/** The figures of the current performance-data page: what the service enforces on the shared gateway today. */
export const PUBLISHED_QUOTAS: QuotaFigures = Object.freeze({ 'key-read': 50, 'key-write': 30, 'key-create': 10, 'instance-read': 50 });

/** The older limits page's figures (read-only 20, write 10, create 10), for accounts that still see them. */
export const OLDER_PUBLISHED_QUOTAS: QuotaFigures = Object.freeze({ 'key-read': 20, 'key-write': 10, 'key-create': 10, 'instance-read': 50 });

/** No quota on any group: a dedicated gateway of a KMS instance, or an emulator run as a plain server. */
export const NO_QUOTAS: QuotaFigures = Object.freeze({ 'key-read': undefined, 'key-write': undefined, 'key-create': undefined, 'instance-read': undefined });

/** Where each action's requests count. Actions not listed (cryptographic operations, STS) count in no group. */
const ACTION_GROUPS: Readonly<Record<string, QuotaGroup>> = {
  DescribeKey: 'key-read',
  ListKeys: 'key-read',
  DescribeKeyVersion: 'key-read',
  ListKeyVersions: 'key-read',
  GetPublicKey: 'key-read',
  ListAliases: 'key-read',
  ListAliasesByKeyId: 'key-read',
  ListTagResources: 'key-read',
  ListResourceTags: 'key-read',
  DescribeRegions: 'key-read',
  CreateKey: 'key-create',
  // "operations to create aliases or modify CMKs, aliases, and tags": the captured page cuts the list off,
  // so which writes share this group is kmsctl's reading of it.
  CreateKeyVersion: 'key-write',
  CreateAlias: 'key-write',
  UpdateAlias: 'key-write',
  DeleteAlias: 'key-write',
  EnableKey: 'key-write',
  DisableKey: 'key-write',
  ScheduleKeyDeletion: 'key-write',
  CancelKeyDeletion: 'key-write',
  UpdateRotationPolicy: 'key-write',
  UpdateKeyDescription: 'key-write',
  SetDeletionProtection: 'key-write',
  TagResource: 'key-write',
  UntagResource: 'key-write',
  GetKmsInstance: 'instance-read',
  ListKmsInstances: 'instance-read',
  GetDefaultKmsInstance: 'instance-read',
  GetKmsInstanceQuotaInfos: 'instance-read',
};

/** The quota group an action's requests count in, or undefined when it counts in none. */
export function quotaGroupOf(action: string): QuotaGroup | undefined {
  return Object.hasOwn(ACTION_GROUPS, action) ? ACTION_GROUPS[action] : undefined;
}
