import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import rpcUtil from '@alicloud/rpc-util';
import { canonicalQuery, compareCodePoints, percentEncode } from '../../src/kms/signing/percent-encode.js';
import { signV1, stringToSignV1 } from '../../src/kms/signing/signature-v1.js';
import { authorizationHeaderV3, canonicalRequestV3, headersToSignV3, sha256Hex, signV3, stringToSignV3 } from '../../src/kms/signing/signature-v3.js';

type Signer = (query: Record<string, string>, method: string, secret: string) => string;
const sdk = rpcUtil as unknown as { getSignatureV1?: Signer; default?: { getSignatureV1?: Signer } };
const sdkSign: Signer = (q, m, s) => (sdk.getSignatureV1 ?? sdk.default?.getSignatureV1)!(q, m, s);

const GET_VECTOR = {
  AccessKeyId: 'testid',
  Action: 'CreateKey',
  Format: 'json',
  SignatureMethod: 'HMAC-SHA1',
  SignatureVersion: '1.0',
  Timestamp: '2016-03-28T03:13:08Z',
  Version: '2016-01-20',
};

describe('signature V1', () => {
  test('the GET test vector of kms-api.md signs to 41wk2SSX1GJh7fwnc5eqOfiJPFg=', () => {
    const sts = stringToSignV1('GET', GET_VECTOR);
    expect(sts.startsWith('GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateKey%26Format%3Djson%26')).toBe(true);
    expect(signV1(sts, 'testsecret')).toBe('41wk2SSX1GJh7fwnc5eqOfiJPFg=');
  });

  test('the POST test vector with a nonce and key ID that need encoding signs to On/96bvPBCDRUdx1Ljo5ecTuUgg=', () => {
    const params = { ...GET_VECTOR, SignatureNonce: 'a b*c~d(e)!', KeyId: 'alias/x y' };
    expect(signV1(stringToSignV1('POST', params), 'testsecret')).toBe('On/96bvPBCDRUdx1Ljo5ecTuUgg=');
  });

  test('the Signature parameter itself is left out of the string to sign', () => {
    expect(stringToSignV1('GET', { ...GET_VECTOR, Signature: 'anything' })).toBe(stringToSignV1('GET', GET_VECTOR));
  });

  test('any parameters sign the same as the official SDK signer', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.]{0,12}$/);
    fc.assert(
      fc.property(fc.dictionary(name, fc.string({ unit: 'grapheme', maxLength: 20 }), { maxKeys: 8 }), fc.constantFrom('GET', 'POST'), fc.string({ minLength: 1, maxLength: 30 }), (params, method, secret) => {
        expect(signV1(stringToSignV1(method, params), secret)).toBe(sdkSign(params, method, secret));
      }),
      { numRuns: 300 },
    );
  });
});

describe('percent-encoding', () => {
  test.each([
    ['a b', 'a%20b'],
    ['*', '%2A'],
    ['~', '~'],
    ['+', '%2B'],
    ['/', '%2F'],
    ["!'()", '%21%27%28%29'],
    ['-_.', '-_.'],
    ['é', '%C3%A9'],
    ['密钥', '%E5%AF%86%E9%92%A5'],
    ['🔑', '%F0%9F%94%91'],
    ['=&%', '%3D%26%25'],
  ])('%j encodes to %j', (raw, encoded) => {
    expect(percentEncode(raw)).toBe(encoded);
  });

  test('encoded text holds only unreserved characters and %XX, and decodes back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (raw) => {
        const encoded = percentEncode(raw);
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(raw);
      }),
    );
  });

  test('parameter names sort in code-point order, not locale order', () => {
    expect(canonicalQuery({ b: '1', B: '2', a: '3', _: '4' })).toBe('B=2&_=4&a=3&b=1');
    expect(['a', 'B', 'Z', 'b'].sort(compareCodePoints)).toEqual(['B', 'Z', 'a', 'b']);
  });
});

describe('signature V3', () => {
  const body = 'KeyId=alias%2Fx';
  const headers = {
    Host: 'kms.cn-hangzhou.aliyuncs.com',
    'Content-Type': 'application/x-www-form-urlencoded',
    'x-acs-action': 'DescribeKey',
    'x-acs-version': '2016-01-20',
    'x-acs-date': '2026-11-22T04:41:58Z',
    'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
    'x-acs-content-sha256': sha256Hex(body),
    'User-Agent': 'kmsctl/0.1.0',
  };

  test('only host, content-type and x-acs-* headers are signed, lower-cased and sorted', () => {
    expect(headersToSignV3(headers)).toEqual(['content-type', 'host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version']);
  });

  test('the canonical request has the documented six lines and the signature is HMAC-SHA256 of its hash', () => {
    const signed = headersToSignV3(headers);
    const canonical = canonicalRequestV3({ method: 'post', uri: '/', query: { b: 'x y', a: '*' }, headers, signedHeaders: signed, payloadHash: sha256Hex(body) });
    const lines = canonical.split('\n');
    expect(lines[0]).toBe('POST');
    expect(lines[1]).toBe('/');
    expect(lines[2]).toBe('a=%2A&b=x%20y');
    expect(canonical).toContain('content-type:application/x-www-form-urlencoded\nhost:kms.cn-hangzhou.aliyuncs.com\nx-acs-action:DescribeKey\n');
    expect(lines.at(-2)).toBe(signed.join(';'));
    expect(lines.at(-1)).toBe(createHash('sha256').update(body).digest('hex'));
    const sts = stringToSignV3(canonical);
    expect(sts).toBe(`ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`);
    const signature = signV3(sts, 'testsecret');
    expect(signature).toBe(createHmac('sha256', 'testsecret').update(sts).digest('hex'));
    expect(authorizationHeaderV3('testid', signed, signature)).toBe(`ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=${signed.join(';')},Signature=${signature}`);
  });

  test('header name case and value padding do not change the canonical request', () => {
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), ` ${v} `]));
    const input = { method: 'POST', uri: '/', query: {}, signedHeaders: headersToSignV3(headers), payloadHash: sha256Hex(body) };
    expect(canonicalRequestV3({ ...input, headers: lower })).toBe(canonicalRequestV3({ ...input, headers }));
  });
});
