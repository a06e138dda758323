/**
 * Alibaba Cloud Resource Names of KMS resources, written and read in one place:
 * `acs:kms:<region>:<uid>:key/<keyId>`, `acs:kms:<region>:<uid>:alias/<name>` and
 * `acs:kms:<region>:<uid>:keystore/<instanceId>` (a KMS instance).
 */

export function keyArn(region: string, account: string, keyId: string): string {
  return `acs:kms:${region}:${account}:key/${keyId}`;
}

/** `aliasName` starts with `alias/` already. */
export function aliasArn(region: string, account: string, aliasName: string): string {
  return `acs:kms:${region}:${account}:${aliasName}`;
}

export function instanceArn(region: string, account: string, instanceId: string): string {
  return `acs:kms:${region}:${account}:keystore/${instanceId}`;
}

/** What a KMS ARN names. */
export interface ParsedKmsArn {
  region: string;
  account: string;
  /** `key/<id>` or `alias/<name>`: the part after the account. */
  resource: string;
}

const KMS_ARN = /^acs:kms:([a-z0-9-]*):(\d*):(.+)$/;

/** Whether a `KeyId` parameter is an ARN rather than a key ID or alias. */
export function looksLikeArn(text: string): boolean {
  return text.startsWith('acs:');
}

/** The parts of a KMS ARN, or undefined when the text is not one. */
export function parseKmsArn(text: string): ParsedKmsArn | undefined {
  const match = KMS_ARN.exec(text);
  if (match === null) return undefined;
  const [, region = '', account = '', resource = ''] = match;
  return { region, account, resource };
}
