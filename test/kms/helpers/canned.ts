/** Canned wire answers for the verifying server, with the service's quirks (`""` fields, string numbers, unordered pages). */
import type { WireKeyMetadata, WireKeyVersion } from '../../../src/kms/wire/types.js';
import type { Behaviour } from './verifying-server.js';

export const KEY_ID = 'key-hzz62f1cb66fy1zjwr2gt';

export function wireKeyMetadata(overrides: Partial<WireKeyMetadata> = {}): WireKeyMetadata {
  return {
    KeyId: KEY_ID,
    Arn: `acs:kms:cn-hangzhou:1234567890:key/${KEY_ID}`,
    KeySpec: 'RSA_2048',
    KeyUsage: 'SIGN/VERIFY',
    KeyState: 'Enabled',
    Origin: 'Aliyun_KMS',
    ProtectionLevel: 'SOFTWARE',
    DKMSInstanceId: '',
    CreationDate: '2026-01-01T00:00:00Z',
    LastRotationDate: '2026-01-01T00:00:00Z',
    PrimaryKeyVersion: '',
    AutomaticRotation: 'Disabled',
    RotationInterval: '',
    NextRotationDate: '',
    DeleteDate: '',
    MaterialExpireTime: '',
    Creator: '1234567890',
    Description: '',
    DeletionProtection: 'Disabled',
    ...overrides,
  };
}

/** `count` versions of KEY_ID, one a day from 2026-01-01, in a scrambled (not creation) order. */
export function scrambledVersions(count: number): WireKeyVersion[] {
  const versions = Array.from({ length: count }, (_, i) => ({
    KeyId: KEY_ID,
    KeyVersionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    CreationDate: new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 2))).toISOString().replace('.000Z', 'Z'),
  }));
  // A deterministic shuffle: the service does not promise any order.
  return versions.map((v, i) => ({ v, k: (i * 7919) % count })).sort((a, b) => a.k - b.k).map(({ v }) => v);
}

/** Serves a list page by page, PageNumber / PageSize as the request gives them; TotalCount as a string like some answers do. */
export function pageOf<T>(items: readonly T[], params: Record<string, string>, outer: string, inner: string): Behaviour {
  const pageNumber = Number(params.PageNumber ?? '1');
  const pageSize = Number(params.PageSize ?? '10');
  const slice = items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return { status: 200, json: { RequestId: `req-${outer}-${pageNumber}`, PageNumber: pageNumber, PageSize: String(pageSize), TotalCount: String(items.length), [outer]: { [inner]: slice } } };
}

export function apiError(status: number, code: string, message = `${code} happened`): Behaviour {
  return { status, json: { RequestId: `req-${code}`, HostId: 'kms.cn-hangzhou.aliyuncs.com', Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}` } };
}

/** Canned answers for every action the client sends. */
export function cannedHandlers(versionCount = 3): Record<string, (params: Record<string, string>) => Behaviour> {
  const versions = scrambledVersions(versionCount);
  const aliases = Array.from({ length: 130 }, (_, i) => ({ AliasName: `alias/a${String(i).padStart(3, '0')}`, AliasArn: `acs:kms:cn-hangzhou:1:alias/a${i}`, KeyId: KEY_ID }));
  const keys = Array.from({ length: 205 }, (_, i) => ({ KeyId: `key-${String(i).padStart(4, '0')}`, KeyArn: `acs:kms:cn-hangzhou:1:key/key-${i}` }));
  const ok = (extra: object = {}): Behaviour => ({ status: 200, json: { RequestId: 'req-ok', ...extra } });
  return {
    DescribeKey: (p) => ok({ KeyMetadata: wireKeyMetadata({ KeyId: p.KeyId?.startsWith('alias/') ? KEY_ID : (p.KeyId ?? KEY_ID) }) }),
    ListKeyVersions: (p) => pageOf(versions, p, 'KeyVersions', 'KeyVersion'),
    DescribeKeyVersion: (p) => ok({ KeyVersion: { KeyId: KEY_ID, KeyVersionId: p.KeyVersionId, CreationDate: '2026-01-02T03:04:05Z' } }),
    CreateKeyVersion: () => ok({ KeyVersion: { KeyId: KEY_ID, KeyVersionId: '11111111-2222-4333-8444-555555555555', CreationDate: '2026-02-01T00:00:00Z' } }),
    CreateKey: (p) => ok({ KeyMetadata: wireKeyMetadata({ KeySpec: p.KeySpec ?? 'Aliyun_AES_256', KeyUsage: p.KeyUsage ?? 'ENCRYPT/DECRYPT', Description: p.Description ?? '' }) }),
    CreateAlias: () => ok(),
    ListAliases: (p) => pageOf(aliases, p, 'Aliases', 'Alias'),
    ListAliasesByKeyId: (p) => pageOf(aliases.slice(0, 2), p, 'Aliases', 'Alias'),
    ListKeys: (p) => pageOf(keys, p, 'Keys', 'Key'),
    EnableKey: () => ok(),
    DisableKey: () => ok(),
    ScheduleKeyDeletion: () => ok(),
  };
}
