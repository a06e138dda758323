/**
 * The regions KMS serves, one list for all of kmsctl: the config's region checks (a typo such as
 * `cn-hangzou` is caught with a did-you-mean) and anything else that must know a region when it sees one.
 *
 * Sources: the KMS API endpoint tables, "Endpoints" of the KMS 2016-01-20 API (alibabacloud.com help
 * doc-detail 69006, and the newer key-management-service "Make API requests" page, which adds Manila,
 * Guangzhou and Chengdu). Regions opened since (Seoul, Bangkok, Riyadh, Mexico, Nanjing, Fuzhou) are
 * listed from Alibaba Cloud's regions list, so that a config naming one is not taken for a typo of a
 * neighbour. A region missing here is not refused for that alone: the config reports it as unknown, as
 * a warning, unless it is a likely typo of one listed here.
 */

export const KMS_REGIONS = [
  // Chinese mainland
  'cn-hangzhou',
  'cn-shanghai',
  'cn-qingdao',
  'cn-beijing',
  'cn-zhangjiakou',
  'cn-huhehaote',
  'cn-wulanchabu',
  'cn-shenzhen',
  'cn-heyuan',
  'cn-guangzhou',
  'cn-chengdu',
  'cn-nanjing',
  'cn-fuzhou',
  'cn-hongkong',
  // Finance clouds
  'cn-hangzhou-finance',
  'cn-shanghai-finance-1',
  'cn-shenzhen-finance-1',
  'cn-beijing-finance-1',
  // Asia Pacific
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-south-1',
  // Europe, Middle East, Americas
  'eu-central-1',
  'eu-west-1',
  'me-east-1',
  'me-central-1',
  'us-east-1',
  'us-west-1',
  'na-south-1',
] as const;

export type KmsRegion = (typeof KMS_REGIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(KMS_REGIONS);

/** True for a region in the list above. */
export function isKmsRegion(region: string): region is KmsRegion {
  return KNOWN.has(region);
}
