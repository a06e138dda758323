import { describe, expect, test } from 'vitest';
import rpcUtil from '@alicloud/rpc-util';
import { encodeForm, formatTimestamp, signedFormBody, signedParams } from '../../src/kms/signed-request.js';

type Signer = (query: Record<string, string>, method: string, secret: string) => string;
const sdk = rpcUtil as unknown as { getSignatureV1?: Signer; default?: { getSignatureV1?: Signer } };
const sdkSign: Signer = (q, m, s) => (sdk.getSignatureV1 ?? sdk.default?.getSignatureV1)!(q, m, s);

const base = {
  action: 'DescribeKey',
  params: { KeyId: 'alias/my key+1', Unset: undefined },
  credentials: { accessKeyId: 'DUMMY0Signed', accessKeySecret: 'signing-secret' },
  regionId: 'cn-shanghai',
  now: Date.UTC(2026, 10, 22, 4, 41, 58, 789),
  nonce: '6a1b1c58-2f2e-4b7e-9a55-0f6b9b0c7d11',
};

describe('signed requests', () => {
  test('the common parameters of Signature V1 are all present', () => {
    const params = signedParams(base);
    expect(params).toMatchObject({
      Action: 'DescribeKey',
      Format: 'JSON',
      Version: '2016-01-20',
      AccessKeyId: 'DUMMY0Signed',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: base.nonce,
      Timestamp: '2026-11-22T04:41:58Z',
      RegionId: 'cn-shanghai',
      KeyId: 'alias/my key+1',
    });
    expect('Unset' in params).toBe(false);
    expect('SecurityToken' in params).toBe(false);
  });

  test('the signature is what the official SDK signer computes for a POST', () => {
    const { Signature, ...rest } = signedParams(base);
    expect(Signature).toBe(sdkSign(rest, 'POST', 'signing-secret'));
  });

  test('STS credentials add a signed SecurityToken', () => {
    const { Signature, ...rest } = signedParams({ ...base, credentials: { ...base.credentials, securityToken: 'sts-token' } });
    expect(rest.SecurityToken).toBe('sts-token');
    expect(Signature).toBe(sdkSign(rest, 'POST', 'signing-secret'));
  });

  test('an action parameter cannot override a common one', () => {
    expect(signedParams({ ...base, params: { Action: 'CreateKey', AccessKeyId: 'other' } })).toMatchObject({ Action: 'DescribeKey', AccessKeyId: 'DUMMY0Signed' });
  });

  test('the form body decodes back to exactly the signed parameters', () => {
    const body = signedFormBody({ ...base, params: { KeyId: 'a b+c&d=e/😀*~' } });
    const decoded = Object.fromEntries(new URLSearchParams(body));
    expect(decoded.KeyId).toBe('a b+c&d=e/😀*~');
    const { Signature, ...rest } = decoded;
    expect(Signature).toBe(sdkSign(rest, 'POST', 'signing-secret'));
  });

  test('the form encoding uses %20 for space and %2B for plus', () => {
    expect(encodeForm({ 'a b': 'c+d' })).toBe('a%20b=c%2Bd');
  });

  test('timestamps are UTC seconds with Z', () => {
    expect(formatTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5, 999))).toBe('2026-01-02T03:04:05Z');
  });
});
