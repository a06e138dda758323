/**
 * The (account, region) pairs a benchmark fleet is spread over. The service keeps its quotas per pair,
 * so pairs, not keys, set how fast a fleet can be read. Two layouts:
 *
 * - `regions` (default): regions of the run's own account, as kmsctl reads them today with one identity.
 *   The first 34 are regions KMS serves; a fleet of more pairs than that (the 50-pair scale fleet) also
 *   takes regions kmsctl does not know yet, each named in a family KMS serves, for which the config
 *   reports one `config.unknown-region` warning per file (the benchmark writes one file per pair).
 * - `accounts`: two regions in each of several accounts, reached by STS AssumeRole from the base
 *   credentials (`acs:ram::<uid>:role/kmsctl-bench`), as the config's `accounts:` declares them.
 */

export type PairLayout = 'regions' | 'accounts';

export interface Pair {
  /** The account's name in the config (`accounts:`), or undefined for the run's own account. */
  account: string | undefined;
  /** The account's UID in the emulator: the base account's for `regions`. */
  uid: string;
  region: string;
  /** The role kmsctl assumes to reach the account; undefined for the run's own account. */
  roleArn: string | undefined;
}

/** Regions KMS serves (src/kms/wire/regions.ts), the most used first, so small fleets use well-known ones. */
const KNOWN_REGIONS = [
  'cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1', 'eu-central-1', 'us-west-1', 'us-east-1', 'ap-northeast-1',
  'cn-qingdao', 'cn-zhangjiakou', 'cn-huhehaote', 'cn-wulanchabu', 'cn-heyuan', 'cn-guangzhou', 'cn-chengdu', 'cn-nanjing', 'cn-fuzhou', 'ap-northeast-2',
  'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ap-south-1', 'eu-west-1', 'me-east-1', 'me-central-1', 'na-south-1',
  'cn-hangzhou-finance', 'cn-shanghai-finance-1', 'cn-shenzhen-finance-1', 'cn-beijing-finance-1',
] as const;

/** Region IDs of families KMS serves, with numbers it does not serve (yet): only for fleets of more than 34 pairs. */
const FURTHER_REGIONS = Array.from({ length: 66 }, (_, i) => ['ap-southeast', 'eu-west', 'us-east', 'me-central', 'ap-northeast', 'eu-central'][i % 6] + `-${11 + Math.floor(i / 6)}`);

export const KNOWN_REGION_COUNT = KNOWN_REGIONS.length;
export const BENCH_ROLE = 'kmsctl-bench';
/** Regions per account in the `accounts` layout. */
const REGIONS_PER_ACCOUNT = 2;

/** `count` pairs in the layout; `baseUid` is the emulator's own account. */
export function fleetPairs(layout: PairLayout, count: number, baseUid: string): Pair[] {
  if (layout === 'regions') {
    const regions = [...KNOWN_REGIONS, ...FURTHER_REGIONS];
    if (count > regions.length) throw new Error(`--pairs: at most ${regions.length} regions of one account, got ${count}`);
    return regions.slice(0, count).map((region) => ({ account: undefined, uid: baseUid, region, roleArn: undefined }));
  }
  return Array.from({ length: count }, (_, i) => {
    const n = Math.floor(i / REGIONS_PER_ACCOUNT) + 1;
    const uid = String(2_000_000_000_000_000 + n);
    return { account: `bench-${String(n).padStart(2, '0')}`, uid, region: KNOWN_REGIONS[i % REGIONS_PER_ACCOUNT] as string, roleArn: `acs:ram::${uid}:role/${BENCH_ROLE}` };
  });
}

/** `payments/cn-hangzhou`, or the region alone for the run's own account: how the benchmark names a pair. */
export function pairName(pair: Pair): string {
  return pair.account === undefined ? pair.region : `${pair.account}/${pair.region}`;
}

/** The accounts of a set of pairs, as `createKmsClients` and the config's `accounts:` take them. */
export function accountSpecs(pairs: readonly Pair[]): Record<string, { roleArn: string }> {
  const specs: Record<string, { roleArn: string }> = {};
  for (const pair of pairs) if (pair.account !== undefined && pair.roleArn !== undefined) specs[pair.account] = { roleArn: pair.roleArn };
  return specs;
}
