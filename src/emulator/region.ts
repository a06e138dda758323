/**
 * The region a request addresses: the `RegionId` parameter when present (kmsctl's own client sends
 * it), else the one in a Host shaped like the service's endpoints (`kms.<region>.aliyuncs.com`,
 * `kms-vpc.<region>.aliyuncs.com`), else the emulator's default region.
 */
import { invalidParameter } from './errors.js';

const REGION = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;
const ENDPOINT_HOST = /^kms(?:-vpc)?\.([a-z0-9-]+)\.aliyuncs\.com(?::\d+)?$/i;

export function isRegionId(text: string): boolean {
  return text.length <= 64 && REGION.test(text);
}

export function requestRegion(regionParam: string | undefined, host: string | undefined, defaultRegion: string): string {
  if (regionParam !== undefined && regionParam !== '') {
    if (!isRegionId(regionParam)) throw invalidParameter('RegionId', regionParam, 'is not a region ID such as cn-hangzhou');
    return regionParam;
  }
  const fromHost = ENDPOINT_HOST.exec(host ?? '')?.[1]?.toLowerCase();
  return fromHost !== undefined && isRegionId(fromHost) ? fromHost : defaultRegion;
}
