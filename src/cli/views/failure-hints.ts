/** What to do about the failures seen most when calling KMS, by error code: shown by doctor and by every command that fails so. */

const HINTS: Readonly<Record<string, string>> = {
  'InvalidAccessKeyId.NotFound': 'the endpoint does not know this access key ID: check the credential source above, and that the endpoint belongs to the same site (China / international)',
  'InvalidAccessKeyId.Inactive': 'the access key is disabled in RAM',
  SignatureDoesNotMatch: 'the secret does not belong to this access key ID (a stale or truncated secret, or a trailing character in it)',
  IncompleteSignature: 'the request was not signed completely: a kmsctl or proxy problem',
  IllegalTimestamp: "this machine's clock is more than 15 minutes off: sync it (NTP)",
  'InvalidSecurityToken.Expired': 'the STS token has expired: get a new one (ALIBABA_CLOUD_SECURITY_TOKEN or the profile), or use a RamRoleArn/OIDC source, which kmsctl refreshes',
  'InvalidSecurityToken.Malformed': 'the security token does not belong to this access key ID, or a token was sent with a long-term key',
  Forbidden: 'the identity may not call kms:ListKeys: grant it in RAM (kmsctl itself needs DescribeKey, ListKeyVersions and CreateKeyVersion)',
  'Forbidden.RAM': 'the identity may not call kms:ListKeys: grant it in RAM (kmsctl itself needs DescribeKey, ListKeyVersions and CreateKeyVersion)',
  'transport.connect': 'nothing answered: check the endpoint URL, DNS, proxies and firewalls (a VPC endpoint answers only inside its VPC); for an https emulator, trust its certificate with NODE_EXTRA_CA_CERTS',
  'transport.timeout': 'the endpoint accepted the connection but did not answer in time',
  'transport.deadline': 'the endpoint did not answer in time',
  'transport.bad-response': 'something that is not KMS answered: check the endpoint URL and any proxy in between',
};

export function hintFor(code: string): string | undefined {
  return HINTS[code];
}
