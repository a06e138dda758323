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

/** One API client per region, sharing connections per endpoint. */
export interface RegionalKeyApis {
  forRegion(region: string): KeyApi;
  /** The endpoint used for a region, recorded in saved plans. */
  endpointFor(region: string): string;
}
