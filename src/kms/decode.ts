/**
 * Turns the service's JSON answers into the typed values of ./types.ts. Every field is read by a key of
 * its wire type in wire/types.ts (the contract the emulator's handlers answer with), so a field renamed
 * or dropped on either side fails the typecheck here. Fields the service leaves out when they do not
 * apply (DescribeKey's DeleteDate, the rotation fields, ...) decode as undefined, as `""` does.
 */
import {
  asWire,
  nestedList,
  optionalDate,
  optionalString,
  requestIdOf,
  requiredDate,
  requiredInteger,
  requiredString,
  type WireField,
  type WireJson,
} from './decode-fields.js';
import { DecodeError } from './decode-fields.js';
import type { Alias, CallerIdentity, DigestSignature, KeyListEntry, KeyMetadata, KeyVersion, KmsInstanceInfo, PublicKeyInfo, SignatureCheck, TemporaryCredentials } from './types.js';
import type {
  WireAlias,
  WireAssumeRoleResponse,
  WireAsymmetricSignResponse,
  WireAsymmetricVerifyResponse,
  WireGetPublicKeyResponse,
  WireDescribeKeyResponse,
  WireEmptyResponse,
  WireGetCallerIdentityResponse,
  WireGetKmsInstanceResponse,
  WireKeyListEntry,
  WireKeyMetadata,
  WireKeyVersion,
  WireKeyVersionResponse,
  WireKmsInstance,
  WireListAliasesResponse,
  WireListKeysResponse,
  WireListKeyVersionsResponse,
  WirePaging,
  WireStsCredentials,
} from './wire/types.js';

export {
  DecodeError,
  nestedList,
  normaliseDate,
  parseIsoDate,
  parseJsonObject,
  requiredInteger,
  type WireJson,
} from './decode-fields.js';

/** One page of a paged listing, as decoded. */
export interface Page<T> {
  items: T[];
  pageNumber: number;
  pageSize: number;
  totalCount: number;
  requestId: string;
}

export function decodeKeyMetadata(value: unknown): KeyMetadata {
  const m = asWire<WireKeyMetadata>(value, 'KeyMetadata');
  return {
    keyId: requiredString(m, 'KeyId'),
    arn: requiredString(m, 'Arn'),
    keySpec: requiredString(m, 'KeySpec'),
    keyUsage: requiredString(m, 'KeyUsage'),
    keyState: requiredString(m, 'KeyState'),
    origin: requiredString(m, 'Origin'),
    // The service's documented default; old keys may leave it out.
    protectionLevel: optionalString(m, 'ProtectionLevel') ?? 'SOFTWARE',
    dkmsInstanceId: optionalString(m, 'DKMSInstanceId'),
    creationDate: requiredDate(m, 'CreationDate'),
    lastRotationDate: optionalDate(m, 'LastRotationDate'),
    primaryKeyVersion: optionalString(m, 'PrimaryKeyVersion'),
    automaticRotation: optionalString(m, 'AutomaticRotation'),
    rotationInterval: optionalString(m, 'RotationInterval'),
    nextRotationDate: optionalDate(m, 'NextRotationDate'),
    deleteDate: optionalDate(m, 'DeleteDate'),
    materialExpireTime: optionalDate(m, 'MaterialExpireTime'),
    creator: optionalString(m, 'Creator'),
    description: optionalString(m, 'Description'),
    deletionProtection: optionalString(m, 'DeletionProtection'),
  };
}

export function decodeKeyVersion(value: unknown): KeyVersion {
  const v = asWire<WireKeyVersion>(value, 'KeyVersion');
  return { keyId: requiredString(v, 'KeyId'), keyVersionId: requiredString(v, 'KeyVersionId'), creationDate: requiredDate(v, 'CreationDate') };
}

export function decodeAlias(value: unknown): Alias {
  const a = asWire<WireAlias>(value, 'Alias');
  return { aliasName: requiredString(a, 'AliasName'), aliasArn: optionalString(a, 'AliasArn') ?? '', keyId: requiredString(a, 'KeyId') };
}

export function decodeKeyListEntry(value: unknown): KeyListEntry {
  const k = asWire<WireKeyListEntry>(value, 'Key');
  return { keyId: requiredString(k, 'KeyId'), keyArn: optionalString(k, 'KeyArn') ?? '' };
}

/** `{KeyMetadata, RequestId}` (DescribeKey, CreateKey). */
export function decodeKeyMetadataResponse(body: WireJson<WireDescribeKeyResponse>): { value: KeyMetadata; requestId: string } {
  return { value: decodeKeyMetadata(body.KeyMetadata), requestId: requestIdOf(body) };
}

/** `{KeyVersion, RequestId}` (CreateKeyVersion, DescribeKeyVersion). */
export function decodeKeyVersionResponse(body: WireJson<WireKeyVersionResponse>): { value: KeyVersion; requestId: string } {
  return { value: decodeKeyVersion(body.KeyVersion), requestId: requestIdOf(body) };
}

/** `{KmsInstance, RequestId}` (GetKmsInstance). */
export function decodeKmsInstanceResponse(body: WireJson<WireGetKmsInstanceResponse>): { value: KmsInstanceInfo; requestId: string } {
  const i = asWire<WireKmsInstance>(body.KmsInstance, 'KmsInstance');
  const keyNum = optionalString(i, 'KeyNum');
  return {
    value: {
      instanceId: requiredString(i, 'InstanceId'),
      instanceName: optionalString(i, 'InstanceName'),
      status: optionalString(i, 'Status'),
      productType: optionalString(i, 'ProductType'),
      productVersion: optionalString(i, 'ProductVersion'),
      keyNum: keyNum === undefined || !/^\d+$/.test(keyNum) ? undefined : Number(keyNum),
    },
    requestId: requestIdOf(body),
  };
}

/** `{RequestId}` only (CreateAlias, EnableKey, ...). */
export function decodeEmptyResponse(body: WireJson<WireEmptyResponse>): { requestId: string } {
  return { requestId: requestIdOf(body) };
}

/** A page of a listing: `{Outer: {Inner: [...]}, PageNumber, PageSize, TotalCount, RequestId}`, both names keys of the wire type. */
export function decodePage<W extends WirePaging & { RequestId: string }, O extends WireField<W>, T>(
  body: WireJson<W>,
  outer: O,
  inner: WireField<NonNullable<W[O]>>,
  decodeItem: (value: unknown) => T,
): Page<T> {
  return {
    items: nestedList<W, O>(body, outer, inner).map(decodeItem),
    pageNumber: requiredInteger(body, 'PageNumber'),
    pageSize: requiredInteger(body, 'PageSize'),
    totalCount: requiredInteger(body, 'TotalCount'),
    requestId: requestIdOf(body),
  };
}

export function decodeKeyVersionPage(body: WireJson<WireListKeyVersionsResponse>): Page<KeyVersion> {
  return decodePage<WireListKeyVersionsResponse, 'KeyVersions', KeyVersion>(body, 'KeyVersions', 'KeyVersion', decodeKeyVersion);
}

export function decodeKeyListPage(body: WireJson<WireListKeysResponse>): Page<KeyListEntry> {
  return decodePage<WireListKeysResponse, 'Keys', KeyListEntry>(body, 'Keys', 'Key', decodeKeyListEntry);
}

export function decodeAliasPage(body: WireJson<WireListAliasesResponse>): Page<Alias> {
  return decodePage<WireListAliasesResponse, 'Aliases', Alias>(body, 'Aliases', 'Alias', decodeAlias);
}

/** STS AssumeRole: the temporary credentials, with their expiry. */
export function decodeAssumeRoleResponse(body: WireJson<WireAssumeRoleResponse>): { value: TemporaryCredentials; requestId: string } {
  const c = asWire<WireStsCredentials>(body.Credentials, 'Credentials');
  return {
    value: {
      accessKeyId: requiredString(c, 'AccessKeyId'),
      accessKeySecret: requiredString(c, 'AccessKeySecret'),
      securityToken: requiredString(c, 'SecurityToken'),
      expiration: requiredDate(c, 'Expiration'),
    },
    requestId: requestIdOf(body),
  };
}

/** STS GetCallerIdentity: whose credentials these are. */
export function decodeCallerIdentityResponse(body: WireJson<WireGetCallerIdentityResponse>): { value: CallerIdentity; requestId: string } {
  return {
    value: {
      accountId: requiredString(body, 'AccountId'),
      arn: requiredString(body, 'Arn'),
      identityType: optionalString(body, 'IdentityType'),
      principalId: optionalString(body, 'PrincipalId'),
      userId: optionalString(body, 'UserId'),
      roleId: optionalString(body, 'RoleId'),
    },
    requestId: requestIdOf(body),
  };
}

/** GetPublicKey: the version's public key in PEM, with the resolved key ID. */
export function decodePublicKeyResponse(body: WireJson<WireGetPublicKeyResponse>): { value: PublicKeyInfo; requestId: string } {
  return {
    value: { keyId: requiredString(body, 'KeyId'), keyVersionId: requiredString(body, 'KeyVersionId'), publicKeyPem: requiredString(body, 'PublicKey') },
    requestId: requestIdOf(body),
  };
}

/** AsymmetricSign: the signature (base64), as the service sent it. */
export function decodeSignResponse(body: WireJson<WireAsymmetricSignResponse>): { value: DigestSignature; requestId: string } {
  return {
    value: { keyId: requiredString(body, 'KeyId'), keyVersionId: requiredString(body, 'KeyVersionId'), signature: requiredString(body, 'Value') },
    requestId: requestIdOf(body),
  };
}

/** AsymmetricVerify: `Value` is a JSON boolean; the string forms `"true"`/`"false"` some gateways send are read too. */
export function decodeVerifyResponse(body: WireJson<WireAsymmetricVerifyResponse>): { value: SignatureCheck; requestId: string } {
  const value = body.Value;
  const valid = value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
  if (valid === undefined) throw new DecodeError('Value is not true or false');
  return { value: { keyId: requiredString(body, 'KeyId'), keyVersionId: requiredString(body, 'KeyVersionId'), valid }, requestId: requestIdOf(body) };
}
