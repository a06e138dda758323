/**
 * Wire shapes of the KMS RPC API (JSON responses, PascalCase as the service sends them). The emulator
 * writes these; the client decodes them into the camelCase types of ../types.ts.
 */

export interface WireKeyMetadata {
  KeyId: string;
  Arn: string;
  KeySpec: string;
  KeyUsage: string;
  KeyState: string;
  Origin: string;
  ProtectionLevel: string;
  DKMSInstanceId: string;
  CreationDate: string;
  LastRotationDate: string;
  PrimaryKeyVersion: string;
  AutomaticRotation: string;
  RotationInterval: string;
  NextRotationDate: string;
  DeleteDate: string;
  MaterialExpireTime: string;
  Creator: string;
  Description: string;
  DeletionProtection: string;
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

export interface WireListKeysResponse extends WirePaging {
  RequestId: string;
  Keys: { Key: { KeyId: string; KeyArn: string }[] };
}

export interface WireListAliasesResponse extends WirePaging {
  RequestId: string;
  Aliases: { Alias: WireAlias[] };
}

export interface WireEmptyResponse {
  RequestId: string;
}

export interface WireErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}
