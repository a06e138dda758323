/**
 * Baseline: the script a user writes with the official SDK (@alicloud/pop-core) to check their keys'
 * versions. One key after the other: DescribeKey, ListKeyVersions with the SDK's default page size
 * (10) over all pages, then DescribeKeyVersion for every version, each call awaited in turn.
 */
import RPCClient from '@alicloud/pop-core';

export interface ScriptKey {
  region: string;
  /** A key ID or an alias, as the user would have it. */
  keyId: string;
}

interface DescribeKeyAnswer {
  KeyMetadata: { KeyId: string; KeyState: string; LastRotationDate: string };
}
interface ListKeyVersionsAnswer {
  KeyVersions: { KeyVersion: { KeyVersionId: string }[] };
  PageNumber: number;
  PageSize: number;
  TotalCount: number;
}
interface DescribeKeyVersionAnswer {
  KeyVersion: { KeyVersionId: string; CreationDate: string };
}

export interface ScriptResult {
  keys: number;
  versions: number;
}

export async function sdkSequentialScript(endpoint: string, accessKeyId: string, accessKeySecret: string, keys: readonly ScriptKey[]): Promise<ScriptResult> {
  const client = new RPCClient({ endpoint, apiVersion: '2016-01-20', accessKeyId, accessKeySecret });
  const options = { method: 'POST', timeout: 10_000 };
  let versions = 0;
  for (const { region, keyId } of keys) {
    const described = await client.request<DescribeKeyAnswer>('DescribeKey', { RegionId: region, KeyId: keyId }, options);
    const resolvedId = described.KeyMetadata.KeyId;
    const versionIds: string[] = [];
    for (let page = 1; ; page++) {
      const listed = await client.request<ListKeyVersionsAnswer>('ListKeyVersions', { RegionId: region, KeyId: resolvedId, PageNumber: page }, options);
      versionIds.push(...listed.KeyVersions.KeyVersion.map((v) => v.KeyVersionId));
      if (listed.KeyVersions.KeyVersion.length === 0 || page * listed.PageSize >= listed.TotalCount) break;
    }
    for (const versionId of versionIds) {
      await client.request<DescribeKeyVersionAnswer>('DescribeKeyVersion', { RegionId: region, KeyId: resolvedId, KeyVersionId: versionId }, options);
    }
    versions += versionIds.length;
  }
  return { keys: keys.length, versions };
}
