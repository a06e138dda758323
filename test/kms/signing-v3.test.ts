/**
 * The client's V3 (ACS3-HMAC-SHA256) requests against the official implementation: the current SDK
 * core's `getAuthorization` (@alicloud/openapi-util, a dev dependency). The vectors below were computed
 * with it; the property test recomputes it for arbitrary requests.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { resolveSignatureVersion, signRequest } from '../../src/kms/request-signer.js';
import { signedRequestV3 } from '../../src/kms/signed-request-v3.js';
import { getAuthorization } from './helpers/verifying-server.js';

const BASE = {
  action: 'DescribeKey',
  params: { KeyId: 'alias/x y', Unset: undefined },
  credentials: { accessKeyId: 'testid', accessKeySecret: 'testsecret' },
  regionId: 'cn-hangzhou',
  now: Date.UTC(2026, 10, 22, 4, 41, 58, 321),
  nonce: '6a1b1c58-2f2e-4b7e-9a55-0f6b9b0c7d11',
};
const TARGET = { host: 'kms.cn-hangzhou.aliyuncs.com', path: '/' };
const EXTRA = { accept: 'application/json', 'user-agent': 'kmsctl/0.1.0' };

/** What the official signer computes for the request as it would be received. */
function official(headers: Readonly<Record<string, string>>, body: string, id: string, secret: string, path = '/'): string {
  const hash = createHash('sha256').update(body).digest('hex');
  return getAuthorization({ pathname: path, method: 'POST', query: {}, headers: { ...headers } }, 'ACS3-HMAC-SHA256', hash, id, secret);
}

describe('V3 requests', () => {
  test('a DescribeKey signs to the vector computed with @alicloud/openapi-util getAuthorization', () => {
    const { headers, body } = signedRequestV3(BASE, TARGET, EXTRA);
    expect(body).toBe('KeyId=alias%2Fx%20y&RegionId=cn-hangzhou');
    expect(headers).toMatchObject({
      host: 'kms.cn-hangzhou.aliyuncs.com',
      'content-type': 'application/x-www-form-urlencoded',
      'x-acs-action': 'DescribeKey',
      'x-acs-version': '2016-01-20',
      'x-acs-date': '2026-11-22T04:41:58Z',
      'x-acs-signature-nonce': BASE.nonce,
      'x-acs-content-sha256': 'ff6d412a5d29e522424646197dea96faacae54122ee823e6c952d0433b79d08c',
      ...EXTRA,
    });
    expect(headers.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=406102736d335c0bb86f74c001800dff043aa7b7d38a2ad3640f19126154be53',
    );
  });

  test('STS credentials add x-acs-security-token, which is signed: the vector of the official signer', () => {
    const { headers } = signedRequestV3({ ...BASE, credentials: { ...BASE.credentials, securityToken: 'CAIS+token/with=specials' } }, TARGET, EXTRA);
    expect(headers['x-acs-security-token']).toBe('CAIS+token/with=specials');
    expect(headers.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=12780e1c53d5a8077c9d78cf446099a9c55b7453f80e54d1c96e0ebdd2ec1fca',
    );
  });

  test('any action parameters, secret, token, host and path sign as the official signer computes', () => {
    const name = fc.stringMatching(/^[A-Z][A-Za-z0-9.]{0,12}$/);
    fc.assert(
      fc.property(
        fc.dictionary(name, fc.string({ unit: 'grapheme', maxLength: 30 }), { maxKeys: 6 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.option(fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme-ascii' }).filter((t) => t.trim() === t && t !== ''), { nil: undefined }),
        fc.constantFrom('kms.cn-hangzhou.aliyuncs.com', '127.0.0.1:8080', '[::1]:9000'),
        fc.constantFrom('/', '/kms/'),
        (params, secret, token, host, path) => {
          const credentials = token === undefined ? { accessKeyId: 'dummyExampleKey0001', accessKeySecret: secret } : { accessKeyId: 'STS.Example0001', accessKeySecret: secret, securityToken: token };
          const { headers, body } = signedRequestV3({ ...BASE, params, credentials }, { host, path }, EXTRA);
          expect(headers.authorization).toBe(official(headers, body, credentials.accessKeyId, secret, path));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('an API version other than KMS’s is sent and signed (STS), and no RegionId when none is given', () => {
    const { headers, body } = signedRequestV3({ ...BASE, action: 'GetCallerIdentity', params: {}, regionId: undefined, apiVersion: '2015-04-01' }, TARGET, EXTRA);
    expect(headers['x-acs-version']).toBe('2015-04-01');
    expect(body).toBe('');
    expect(headers.authorization).toBe(official(headers, body, 'testid', 'testsecret'));
  });
});

describe('choosing the signature', () => {
  test('V3 by default, V1 on request, anything else refused with the value quoted', () => {
    expect(resolveSignatureVersion(undefined)).toBe('v3');
    expect(resolveSignatureVersion('v1')).toBe('v1');
    expect(() => resolveSignatureVersion('v2')).toThrow(expect.objectContaining({ code: 'options.invalid', message: expect.stringContaining('"v2"') }));
  });

  test('V1 sends the shared headers as they are and signs in the form body', () => {
    const shared = Object.freeze({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': 'kmsctl/0.1.0' });
    const { headers, body } = signRequest('v1', BASE, TARGET, shared);
    expect(headers).toBe(shared);
    expect(new URLSearchParams(body).get('SignatureMethod')).toBe('HMAC-SHA1');
    expect(new URLSearchParams(body).get('Signature')).toMatch(/=$/);
  });
});
