/**
 * Wire shapes of the KMS RPC API (JSON responses, PascalCase as the service sends them): the contract
 * between the two ends. The emulator's handlers return these types (`WireActionBody<A>`), and the client's
 * decoders read fields by their `keyof`, so a field renamed or dropped on one side fails the typecheck on
 * the other. Optional fields are those the service leaves out when they do not apply.
 */

export interface WireKeyMetadata {
  KeyId: string;
  Arn: string;
  KeySpec: string;
  KeyUsage: string;
  KeyState: string;
  Origin: string;
  ProtectionLevel: string;
  /** The KMS instance holding the key (`kst-...`); `""` for a key of the classic shared KMS. */
  DKMSInstanceId: string;
  CreationDate: string;
  LastRotationDate: string;
  PrimaryKeyVersion: string;
  /** `Enabled`, `Disabled` or `Suspended`. */
  AutomaticRotation: string;
  /** Only while AutomaticRotation is Enabled or Suspended: seconds with an `s` (`31536000s`). */
  RotationInterval?: string;
  /** Only while AutomaticRotation is Enabled or Suspended. */
  NextRotationDate?: string;
  /** Only for a key in PendingDeletion. */
  DeleteDate?: string;
  /** Only for a key with imported material that expires. */
  MaterialExpireTime?: string;
  Creator: string;
  Description: string;
  /** `Enabled` or `Disabled`. */
  DeletionProtection: string;
  /** Only while DeletionProtection is Enabled: why the key is protected. */
  DeletionProtectionDescription?: string;
}

export interface WireKeyVersion {
  KeyId: string;
  KeyVersionId: string;
  CreationDate: string;
}

export interface WireAlias {
  AliasName: string;
  AliasArn: string;
  KeyId: string;
}

export interface WirePaging {
  PageNumber: number;
  PageSize: number;
  TotalCount: number;
}

export interface WireDescribeKeyResponse {
  RequestId: string;
  KeyMetadata: WireKeyMetadata;
}

export type WireCreateKeyResponse = WireDescribeKeyResponse;

export interface WireKeyVersionResponse {
  RequestId: string;
  KeyVersion: WireKeyVersion;
}

export interface WireListKeyVersionsResponse extends WirePaging {
  RequestId: string;
  KeyVersions: { KeyVersion: WireKeyVersion[] };
}

export interface WireKeyListEntry {
  KeyId: string;
  KeyArn: string;
}

export interface WireListKeysResponse extends WirePaging {
  RequestId: string;
  Keys: { Key: WireKeyListEntry[] };
}

export interface WireListAliasesResponse extends WirePaging {
  RequestId: string;
  Aliases: { Alias: WireAlias[] };
}

export interface WireEmptyResponse {
  RequestId: string;
}

/** GetKmsInstance's `KmsInstance` (the fields kmsctl and the emulator use; the service sends more). */
export interface WireKmsInstance {
  InstanceId: string;
  InstanceName: string;
  /** `Uninitialized`, `Connecting`, `Connected`, `Disconnected` or `Error`. */
  Status: string;
  CreateTime: string;
  /** Computing performance (QPS). */
  Spec: number;
  /** Keys the instance may hold; each key version uses one unit. */
  KeyNum: number;
  SecretNum: string;
  VpcNum: number;
  /** The instance's kind as the service names it (software or hardware key management). */
  ProductType: string;
  ProductVersion: string;
}

export interface WireGetKmsInstanceResponse {
  RequestId: string;
  KmsInstance: WireKmsInstance;
}

export interface WireKmsInstanceListEntry {
  KmsInstanceId: string;
  KmsInstanceArn: string;
}

export interface WireListKmsInstancesResponse extends WirePaging {
  RequestId: string;
  KmsInstances: { KmsInstance: WireKmsInstanceListEntry[] };
}

export interface WireGetPublicKeyResponse {
  RequestId: string;
  KeyId: string;
  KeyVersionId: string;
  /** PEM (SubjectPublicKeyInfo). */
  PublicKey: string;
}

export interface WireAsymmetricSignResponse {
  RequestId: string;
  KeyId: string;
  KeyVersionId: string;
  /** The signature, base64. */
  Value: string;
}

export interface WireAsymmetricVerifyResponse {
  RequestId: string;
  KeyId: string;
  KeyVersionId: string;
  Value: boolean;
}

/** STS (2015-04-01) temporary credentials. */
export interface WireStsCredentials {
  AccessKeyId: string;
  AccessKeySecret: string;
  SecurityToken: string;
  /** `2026-01-10T09:00:00Z`. */
  Expiration: string;
}

export interface WireAssumeRoleResponse {
  RequestId: string;
  Credentials: WireStsCredentials;
  AssumedRoleUser: { Arn: string; AssumedRoleId: string };
}

export interface WireGetCallerIdentityResponse {
  RequestId: string;
  AccountId: string;
  Arn: string;
  /** `Account`, `RAMUser` or `AssumedRoleUser`. */
  IdentityType: string;
  PrincipalId: string;
  UserId: string;
  RoleId?: string;
}

/** The KMS pages' error body (XML root `<KMS>`). */
export interface WireKmsErrorBody {
  HttpStatus: number;
  Code: string;
  Message: string;
  RequestId: string;
}

/** The API gateway's general error body (XML root `<Error>`): signature, throttling and other gateway refusals. */
export interface WireGatewayErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

export type WireErrorBody = WireKmsErrorBody | WireGatewayErrorBody;

/** Every KMS action's answer, by action: what the emulator's handlers return and the client decodes. */
export interface WireResponses {
  DescribeKey: WireDescribeKeyResponse;
  CreateKey: WireCreateKeyResponse;
  ListKeys: WireListKeysResponse;
  CreateKeyVersion: WireKeyVersionResponse;
  DescribeKeyVersion: WireKeyVersionResponse;
  ListKeyVersions: WireListKeyVersionsResponse;
  CreateAlias: WireEmptyResponse;
  DeleteAlias: WireEmptyResponse;
  ListAliases: WireListAliasesResponse;
  ListAliasesByKeyId: WireListAliasesResponse;
  EnableKey: WireEmptyResponse;
  DisableKey: WireEmptyResponse;
  ScheduleKeyDeletion: WireEmptyResponse;
  CancelKeyDeletion: WireEmptyResponse;
  UpdateRotationPolicy: WireEmptyResponse;
  SetDeletionProtection: WireEmptyResponse;
  GetKmsInstance: WireGetKmsInstanceResponse;
  ListKmsInstances: WireListKmsInstancesResponse;
  GetPublicKey: WireGetPublicKeyResponse;
  AsymmetricSign: WireAsymmetricSignResponse;
  AsymmetricVerify: WireAsymmetricVerifyResponse;
}

export type WireAction = keyof WireResponses;

/** What an emulator handler returns for action `A`: the answer without `RequestId`, which the server adds. */
export type WireActionBody<A extends WireAction> = Omit<WireResponses[A], 'RequestId'>;
