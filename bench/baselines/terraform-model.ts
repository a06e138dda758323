/**
 * Baseline: a model of the Terraform provider's refresh of the same keys. The state holds one
 * `alicloud_kms_key` per key and one `alicloud_kms_key_version` per version; refresh reads every
 * resource on its own (DescribeKey for a key, DescribeKeyVersion for a version), 10 resources at a time
 * (Terraform's default -parallelism). It sends the calls with kmsctl's own HTTP client (keep-alive,
 * signed), so what differs from kmsctl is only the pattern of calls.
 */
import type { KmsClients } from '../../dist/kms/client-factory.js';
import { runBounded } from '../../dist/state/run-bounded.js';

export interface StateKey {
  region: string;
  /** The key ID the state records. */
  keyId: string;
  versionIds: readonly string[];
}

type Resource = { kind: 'key'; region: string; keyId: string } | { kind: 'version'; region: string; keyId: string; versionId: string };

export async function terraformRefreshModel(clients: KmsClients, state: readonly StateKey[], parallelism = 10): Promise<{ resources: number }> {
  const resources: Resource[] = state.flatMap((key) => [
    { kind: 'key' as const, region: key.region, keyId: key.keyId },
    ...key.versionIds.map((versionId) => ({ kind: 'version' as const, region: key.region, keyId: key.keyId, versionId })),
  ]);
  await runBounded(resources, parallelism, async (resource) => {
    const api = clients.forRegion(resource.region);
    if (resource.kind === 'key') await api.describeKey(resource.keyId);
    else await api.describeKeyVersion(resource.keyId, resource.versionId);
  });
  return { resources: resources.length };
}
