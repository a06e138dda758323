/**
 * An in-memory KMS per (account, region) behind the KeyApi interface, counting every call by location and
 * action, for unit tests of the state reader and the applier that assert how many calls each key costs.
 * Integration tests use the real emulator instead; this one exists to count precisely, to place keys in
 * KMS instances, and to fail one account's credentials.
 */
import { KmsApiError, KmsConfigError } from '../../src/kms/errors.js';
import type { KeyMetadata, KeyVersion, KmsInstanceInfo, WithRequestId } from '../../src/kms/types.js';
import type { KeyApi, KeyApis, KeyLocation } from '../../src/state/key-api.js';
import { fullKey, type LiveKeyInput } from './live-state.js';
import { T0 } from './time.js';

export type FakeAction = keyof KeyApi;

export interface FakeCall {
  location: KeyLocation;
  action: FakeAction;
  keyId: string;
}

interface FakeKey {
  metadata: KeyMetadata;
  versions: KeyVersion[];
  aliases: string[];
}

export interface FakeKeyInput extends LiveKeyInput {
  account?: string | undefined;
  region?: string;
  aliases?: string[];
}

export interface FakeInstanceInput {
  account?: string | undefined;
  region?: string;
  id: string;
  productType: string;
}

function locationKey(location: KeyLocation): string {
  return `${location.account ?? ''}/${location.region}`;
}

export function apiError(code: string, httpStatus: number, action: string, keyId?: string): KmsApiError {
  return new KmsApiError({ httpStatus, code, message: `${code} (fake)`, requestId: `REQ-${code}`, action, endpoint: 'https://kms.fake', keyId });
}

/**
 * Keys and instances per location; `failAccount` makes every call of one account fail as a role that
 * cannot be assumed does; `failOn` makes one action on one key fail with an answer.
 */
export class FakeKms implements KeyApis {
  readonly calls: FakeCall[] = [];
  readonly #keys = new Map<string, FakeKey[]>();
  readonly #instances = new Map<string, KmsInstanceInfo>();
  readonly #accountFailures = new Map<string, Error>();
  readonly #answers = new Map<string, KmsApiError>();
  /** The instant new versions are stamped with. */
  nowIso = T0;
  #created = 0;

  addKey(input: FakeKeyInput): this {
    const { metadata, versions } = fullKey(input);
    const location = { account: input.account, region: input.region ?? 'cn-hangzhou' };
    const keys = this.#keys.get(locationKey(location)) ?? [];
    keys.push({ metadata, versions, aliases: input.aliases ?? [] });
    this.#keys.set(locationKey(location), keys);
    return this;
  }

  addInstance(input: FakeInstanceInput): this {
    const location = { account: input.account, region: input.region ?? 'cn-hangzhou' };
    this.#instances.set(`${locationKey(location)}/${input.id}`, {
      instanceId: input.id,
      instanceName: undefined,
      status: 'Connected',
      productType: input.productType,
      productVersion: '3',
      keyNum: 1000,
    });
    return this;
  }

  /** Every call of `account` fails as STS would answer a role that cannot be assumed. */
  failAccount(account: string, error: Error = apiError('EntityNotExist.Role', 404, 'AssumeRole')): this {
    this.#accountFailures.set(account, error);
    return this;
  }

  /** `action` on `keyId` (as asked) answers `error`. */
  failOn(action: FakeAction, keyId: string, error: KmsApiError): this {
    this.#answers.set(`${action}/${keyId}`, error);
    return this;
  }

  count(filter: Partial<{ action: FakeAction; account: string | undefined; region: string; keyId: string }> = {}): number {
    return this.calls.filter(
      (call) =>
        (filter.action === undefined || call.action === filter.action) &&
        (!('account' in filter) || call.location.account === filter.account) &&
        (filter.region === undefined || call.location.region === filter.region) &&
        (filter.keyId === undefined || call.keyId === filter.keyId),
    ).length;
  }

  /** The versions of a key in a location, by key ID. */
  versionsOf(keyId: string, location: KeyLocation = { account: undefined, region: 'cn-hangzhou' }): string[] {
    return this.#find(location, keyId)?.versions.map((v) => v.keyVersionId) ?? [];
  }

  /** Another writer's version, made outside any call count. */
  rotateBehindTheBack(keyId: string, location: KeyLocation = { account: undefined, region: 'cn-hangzhou' }): void {
    const key = this.#find(location, keyId);
    if (key) this.#addVersion(key);
  }

  endpointFor(location: KeyLocation): string {
    return `https://kms.${location.region}.fake`;
  }

  forLocation(location: KeyLocation): KeyApi {
    const call = async <T>(action: FakeAction, keyId: string, answer: () => T): Promise<WithRequestId<T>> => {
      this.calls.push({ location, action, keyId });
      await Promise.resolve();
      const accountFailure = location.account === undefined ? undefined : this.#accountFailures.get(location.account);
      if (accountFailure) throw accountFailure;
      const scripted = this.#answers.get(`${action}/${keyId}`);
      if (scripted) throw scripted;
      return { value: answer(), requestId: `REQ-${this.calls.length}` };
    };
    const key = (action: string, keyId: string): FakeKey => {
      const found = this.#find(location, keyId);
      if (found) return found;
      throw keyId.startsWith('alias/') ? apiError('Forbidden.AliasNotFound', 404, action, keyId) : apiError('Forbidden.KeyNotFound', 404, action, keyId);
    };
    return {
      describeKey: (keyId) => call('describeKey', keyId, () => ({ ...key('DescribeKey', keyId).metadata })),
      listKeyVersions: (keyId) => call('listKeyVersions', keyId, () => [...key('ListKeyVersions', keyId).versions]),
      describeKeyVersion: (keyId, versionId) =>
        call('describeKeyVersion', keyId, () => {
          const found = key('DescribeKeyVersion', keyId).versions.find((v) => v.keyVersionId === versionId);
          if (!found) throw apiError('Forbidden.KeyVersionNotFound', 404, 'DescribeKeyVersion', keyId);
          return found;
        }),
      getKmsInstance: (instanceId) =>
        call('getKmsInstance', instanceId, () => {
          const found = this.#instances.get(`${locationKey(location)}/${instanceId}`);
          if (!found) throw apiError('Forbidden.ResourceNotFound', 404, 'GetKmsInstance');
          return found;
        }),
      createKeyVersion: (keyId) => call('createKeyVersion', keyId, () => this.#addVersion(key('CreateKeyVersion', keyId))),
    };
  }

  #find(location: KeyLocation, keyId: string): FakeKey | undefined {
    const bare = keyId.replace(/^acs:kms:[^:]*:[^:]*:key\//, '');
    return this.#keys.get(locationKey(location))?.find((k) => k.metadata.keyId === bare || k.aliases.includes(keyId));
  }

  #addVersion(key: FakeKey): KeyVersion {
    const version = { keyId: key.metadata.keyId, keyVersionId: `fake-version-${++this.#created}`, creationDate: this.nowIso };
    key.versions.push(version);
    key.metadata.lastRotationDate = this.nowIso;
    key.metadata.primaryKeyVersion = version.keyVersionId;
    return version;
  }
}

/** Credentials that cannot be had at all, as the client raises them. */
export function missingCredentials(): KmsConfigError {
  return new KmsConfigError('credentials.missing', 'no Alibaba Cloud credentials (fake)');
}
