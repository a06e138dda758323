/**
 * Baseline: a model of Terraform managing the same fleet with the alicloud provider, one provider block
 * (alias) per (account, region) pair, the state holding one `alicloud_kms_key` per key and one
 * `alicloud_kms_key_version` per version.
 *
 * - refresh (`terraform plan`): every resource read on its own, DescribeKey for a key and
 *   DescribeKeyVersion for a version, 10 resources at a time over the whole run (Terraform's default
 *   -parallelism), in no order of pair: the graph walk starts independent resources as they come, so
 *   the order is a seeded shuffle;
 * - rotation day (`terraform apply` of one new `alicloud_kms_key_version` per key): the refresh, then
 *   per key CreateKeyVersion and the read that follows a create (DescribeKeyVersion), 10 at a time.
 *
 * Throttling is handled as the provider does (terraform-provider-alicloud, service_alicloud_kms.go): a
 * `Rejected.Throttling` answer is slept on for 3 s (`incrementalWait(3s, 3s)`) and the call repeated
 * inside the SDK's `resource.Retry`, whose own poll waits 0.5 s, then 1, 2, 4, 8 and at most 10 s. The
 * resource keeps its parallelism slot while it waits. Nothing paces the calls to the quota. The calls go
 * through kmsctl's HTTP client with no pacing, no adaptive limit and no retry of its own (keep-alive and
 * signing as kmsctl's), so what differs from kmsctl is the pattern of calls and the handling of throttles.
 */
import { KmsClient } from '../../dist/kms/client.js';
import { KmsApiError } from '../../dist/kms/errors.js';
import { isThrottling } from '../../dist/kms/wire/error-codes.js';
import { runBounded } from '../../dist/state/run-bounded.js';

export interface ModelKey {
  /** Index into the job's pairs: the provider that manages it. */
  pair: number;
  keyId: string;
  versionIds: readonly string[];
}

export interface ModelResult {
  /** Calls answered, and throttled answers that were waited on and repeated. */
  answered: number;
  throttled: number;
  /** Versions the apply made. */
  created: number;
}

type Work = { kind: 'key'; key: ModelKey } | { kind: 'version'; key: ModelKey; versionId: string } | { kind: 'create'; key: ModelKey };

/** The provider's sleep on a throttled call, and the SDK retry loop's poll waits. */
const PROVIDER_WAIT_MS = 3_000;
const POLL_WAITS_MS = [500, 1_000, 2_000, 4_000, 8_000, 10_000];

export async function terraformModel(providers: readonly KmsClient[], keys: readonly ModelKey[], options: { parallelism: number; create: boolean; seed: number }): Promise<ModelResult> {
  const result: ModelResult = { answered: 0, throttled: 0, created: 0 };
  const call = async <T>(send: () => Promise<T>): Promise<T> => {
    for (let retry = 0; ; retry++) {
      try {
        const value = await send();
        result.answered += 1;
        return value;
      } catch (error) {
        if (!(error instanceof KmsApiError && isThrottling(error))) throw error;
        result.throttled += 1;
        await sleep(PROVIDER_WAIT_MS + (POLL_WAITS_MS[Math.min(retry, POLL_WAITS_MS.length - 1)] ?? 0));
      }
    }
  };
  const refresh: Work[] = keys.flatMap((key) => [{ kind: 'key' as const, key }, ...key.versionIds.map((versionId) => ({ kind: 'version' as const, key, versionId }))]);
  const random = seededRandom(options.seed);
  await runBounded(shuffled(refresh, random), options.parallelism, async (work: Work) => {
    const api = providers[work.key.pair] as KmsClient;
    if (work.kind === 'key') await call(() => api.describeKey(work.key.keyId));
    else if (work.kind === 'version') await call(() => api.describeKeyVersion(work.key.keyId, work.versionId));
  });
  if (options.create) {
    const creates: Work[] = keys.map((key) => ({ kind: 'create' as const, key }));
    await runBounded(shuffled(creates, random), options.parallelism, async (work: Work) => {
      const api = providers[work.key.pair] as KmsClient;
      const made = await call(() => api.createKeyVersion(work.key.keyId));
      result.created += 1;
      await call(() => api.describeKeyVersion(work.key.keyId, made.value.keyVersionId));
    });
  }
  return result;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Fisher-Yates with the given randomness: the same seed walks the resources in the same order. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** mulberry32: a small seeded generator, so that runs of the model are repeatable. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
