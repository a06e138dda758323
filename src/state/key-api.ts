/**
 * The part of the KMS client that reading live state and applying a plan need. The real KmsClient
 * satisfies it; naming the narrow surface keeps state/ and apply/ honest about the calls they make.
 */
import { KmsConfigError } from '../kms/errors.js';
import type { KeyMetadata, KeyVersion, KmsInstanceInfo, WithRequestId } from '../kms/types.js';

export interface KeyApi {
  describeKey(keyId: string): Promise<WithRequestId<KeyMetadata>>;
  /** Every version of the key (all pages), oldest first. */
  listKeyVersions(keyId: string): Promise<WithRequestId<KeyVersion[]>>;
  describeKeyVersion(keyId: string, versionId: string): Promise<WithRequestId<KeyVersion>>;
  /** The KMS instance a key lives in: its kind decides which edition of the version rules applies. */
  getKmsInstance(instanceId: string): Promise<WithRequestId<KmsInstanceInfo>>;
  /** Not idempotent: never retried by the client. */
  createKeyVersion(keyId: string): Promise<WithRequestId<KeyVersion>>;
}

/** Where a declared key lives: an account of the config (undefined: the run's base identity) and a region. */
export interface KeyLocation {
  account: string | undefined;
  region: string;
}

/**
 * One API client per (account, region) pair, each paced to that pair's quotas. Replaces RegionalKeyApis
 * once every reader and the applier address keys by location.
 */
export interface KeyApis {
  forLocation(location: KeyLocation): KeyApi;
  /** The endpoint a location's requests go to, recorded in saved plans. */
  endpointFor(location: KeyLocation): string;
}

/** One API client per region, sharing connections per endpoint. */
export interface RegionalKeyApis {
  forRegion(region: string): KeyApi;
  /** The endpoint used for a region, recorded in saved plans. */
  endpointFor(region: string): string;
}

/** `payments-prod/cn-hangzhou`, or `cn-hangzhou` for the base identity: how messages name a location. */
export function locationName(location: KeyLocation): string {
  return location.account === undefined ? location.region : `${location.account}/${location.region}`;
}

/** The map key of a location (accounts are names of the config, never empty). */
export function locationRef(location: KeyLocation): string {
  return `${location.account ?? ''}\u0000${location.region}`;
}

/**
 * Per-location APIs from either kind. Per-region clients all speak as the run's base identity, so a key
 * of a named account is never read or changed through them: each of its calls fails with
 * `account.no-client` (its keys fail, the others go on).
 */
export function asKeyApis(apis: KeyApis | RegionalKeyApis): KeyApis {
  if ('forLocation' in apis) return apis;
  return {
    forLocation: (location) => (location.account === undefined ? apis.forRegion(location.region) : noClientFor(location)),
    endpointFor: (location) => apis.endpointFor(location.region),
  };
}

function noClientFor(location: KeyLocation): KeyApi {
  const refuse = (): Promise<never> =>
    Promise.reject(new KmsConfigError('account.no-client', `no client for account ${JSON.stringify(location.account)}: this run speaks only as the base identity`));
  return { describeKey: refuse, listKeyVersions: refuse, describeKeyVersion: refuse, getKmsInstance: refuse, createKeyVersion: refuse };
}
