/**
 * The part of the KMS client that reading live state and applying a plan need. The real KmsClient
 * satisfies it; naming the narrow surface keeps state/ and apply/ honest about the calls they make.
 */
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
