import { describe, expect, test } from 'vitest';
import { KmsClient } from '../../src/kms/client.js';
import { StaticCredentialsProvider } from '../../src/kms/credentials.js';
import { DecodeError, decodeKeyMetadata, decodeKeyVersion, decodeKeyVersionPage, nestedList, normaliseDate, parseJsonObject, requiredInteger, type WireJson } from '../../src/kms/decode.js';
import { asWire, optionalString, requiredString } from '../../src/kms/decode-fields.js';
import type { WireKeyMetadata, WireListKeyVersionsResponse } from '../../src/kms/wire/types.js';
import { parseServiceError } from '../../src/kms/decode-error.js';
import { KmsApiError, KmsTransportError } from '../../src/kms/errors.js';
import type { HttpResponse } from '../../src/kms/http-transport.js';
import { wireKeyMetadata } from './helpers/canned.js';
import { FakeRuntime, ScriptedTransport, json } from './helpers/scripted-transport.js';

describe('decoding quirks', () => {
  test('unset fields sent as "" become undefined', () => {
    const m = decodeKeyMetadata(wireKeyMetadata());
    expect(m.dkmsInstanceId).toBeUndefined();
    expect(m.primaryKeyVersion).toBeUndefined();
    expect(m.rotationInterval).toBeUndefined();
    expect(m.nextRotationDate).toBeUndefined();
    expect(m.deleteDate).toBeUndefined();
    expect(m.description).toBeUndefined();
    expect(m.keySpec).toBe('RSA_2048');
  });

  test('a private key store shows as a set dkmsInstanceId', () => {
    expect(decodeKeyMetadata(wireKeyMetadata({ DKMSInstanceId: 'kst-hzz1234' })).dkmsInstanceId).toBe('kst-hzz1234');
  });

  test('fields the answer leaves out are undefined too, and ProtectionLevel defaults to SOFTWARE', () => {
    const { ProtectionLevel: _p, NextRotationDate: _n, ...partial } = wireKeyMetadata();
    const m = decodeKeyMetadata(partial);
    expect(m.protectionLevel).toBe('SOFTWARE');
    expect(m.nextRotationDate).toBeUndefined();
  });

  test('an unknown key spec or state is kept as sent', () => {
    expect(decodeKeyMetadata(wireKeyMetadata({ KeySpec: 'ML_DSA_65', KeyState: 'Archived' }))).toMatchObject({ keySpec: 'ML_DSA_65', keyState: 'Archived' });
  });

  test.each([
    ['2026-11-22T04:41:58Z', '2026-11-22T04:41:58Z'],
    ['2026-11-22T04:41:58.123Z', '2026-11-22T04:41:58Z'],
    ['2026-11-22T12:41:58+08:00', '2026-11-22T04:41:58Z'],
    ['2026-11-22T12:41:58+0800', '2026-11-22T04:41:58Z'],
    ['2026-11-22T04:41Z', '2026-11-22T04:41:00Z'],
  ])('the date %s is normalised to %s', (raw, normalised) => {
    expect(normaliseDate(raw, 'CreationDate')).toBe(normalised);
  });

  test.each(['2026-11-22', '2026-11-22 04:41:58', 'yesterday', '2026-13-45T99:99:99Z'])('the date %j is refused', (raw) => {
    expect(() => normaliseDate(raw, 'CreationDate')).toThrow(DecodeError);
  });

  test('numbers may arrive as strings', () => {
    expect(requiredInteger({ TotalCount: '42' }, 'TotalCount')).toBe(42);
    expect(requiredInteger({ TotalCount: 42 }, 'TotalCount')).toBe(42);
    expect(() => requiredInteger({ TotalCount: '4x' }, 'TotalCount')).toThrow(DecodeError);
    expect(() => requiredInteger({ TotalCount: -1 }, 'TotalCount')).toThrow(DecodeError);
    expect(() => requiredInteger({}, 'TotalCount')).toThrow(DecodeError);
  });

  test("DescribeKey's fields that do not apply, left out of the answer, decode as undefined", () => {
    const { DeleteDate, NextRotationDate, RotationInterval, MaterialExpireTime, DeletionProtectionDescription, ...present } = wireKeyMetadata({ DeleteDate: 'x', NextRotationDate: 'x', RotationInterval: 'x' });
    void [DeleteDate, NextRotationDate, RotationInterval, MaterialExpireTime, DeletionProtectionDescription];
    const m = decodeKeyMetadata(present);
    expect([m.deleteDate, m.nextRotationDate, m.rotationInterval, m.materialExpireTime]).toEqual([undefined, undefined, undefined, undefined]);
    expect(m.keyState).toBe('Enabled');
  });

  test('decoders read only fields the wire types name', () => {
    const m = asWire<WireKeyMetadata>({ KeyId: 'k' }, 'KeyMetadata');
    expect(requiredString(m, 'KeyId')).toBe('k');
    // @ts-expect-error a field not in WireKeyMetadata cannot be read: renaming a wire field fails the typecheck.
    expect(optionalString(m, 'KeyID')).toBeUndefined();
  });

  test('a list sent as one object, or left out, is still a list', () => {
    const list = (body: WireJson<WireListKeyVersionsResponse>) => nestedList<WireListKeyVersionsResponse, 'KeyVersions'>(body, 'KeyVersions', 'KeyVersion');
    expect(list({ KeyVersions: { KeyVersion: { KeyId: 'k' } } })).toEqual([{ KeyId: 'k' }]);
    expect(list({ KeyVersions: {} })).toEqual([]);
    expect(list({})).toEqual([]);
    expect(() => list({ KeyVersions: { KeyVersion: 'x' } })).toThrow(DecodeError);
  });

  test('a page decodes with string paging fields', () => {
    const page = decodeKeyVersionPage({
      RequestId: 'r',
      PageNumber: '2',
      PageSize: '100',
      TotalCount: '101',
      KeyVersions: { KeyVersion: [{ KeyId: 'k', KeyVersionId: 'v', CreationDate: '2026-01-01T00:00:00.000Z' }] },
    });
    expect(page).toEqual({ items: [{ keyId: 'k', keyVersionId: 'v', creationDate: '2026-01-01T00:00:00Z' }], pageNumber: 2, pageSize: 100, totalCount: 101, requestId: 'r' });
  });

  test('missing required fields are decode errors naming the field', () => {
    expect(() => decodeKeyVersion({ KeyId: 'k', CreationDate: '2026-01-01T00:00:00Z' })).toThrow(/KeyVersionId/);
    expect(() => decodeKeyMetadata('nope')).toThrow(DecodeError);
    expect(() => parseJsonObject('[1]')).toThrow(DecodeError);
    expect(() => parseJsonObject('')).toThrow(/empty/);
  });
});

describe('error bodies', () => {
  test('a JSON error body gives every field', () => {
    expect(parseServiceError(JSON.stringify({ RequestId: 'R', HostId: 'H', Code: 'Forbidden.KeyNotFound', Message: 'M', Recommend: 'https://x' }))).toEqual({
      code: 'Forbidden.KeyNotFound',
      message: 'M',
      requestId: 'R',
      hostId: 'H',
      recommend: 'https://x',
    });
  });

  test('an XML error body gives the same fields', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>R</RequestId><HostId>H</HostId><Code>Throttling</Code><Message><![CDATA[too <fast>]]></Message><Recommend>a &amp; b</Recommend></Error>';
    expect(parseServiceError(xml)).toEqual({ code: 'Throttling', message: 'too <fast>', requestId: 'R', hostId: 'H', recommend: 'a & b' });
    expect(parseServiceError('<KMS><Code>InternalFailure</Code></KMS>')?.code).toBe('InternalFailure');
  });

  test.each(['', 'garbage', '{"no":"code"}', '{"Code":', '<html><body>502</body></html>'])('%j is not a service error', (body) => {
    expect(parseServiceError(body)).toBeUndefined();
  });
});

describe('responses to errors, through the client', () => {
  const credentials = new StaticCredentialsProvider({ accessKeyId: 'DUMMY0DecodeTests', accessKeySecret: 'decode-secret' });

  async function outcome(response: HttpResponse): Promise<unknown> {
    const kms = new KmsClient({ region: 'cn-hangzhou', credentials, transport: new ScriptedTransport([], response), runtime: new FakeRuntime(), retry: { maxAttempts: 1 } });
    try {
      return await kms.describeKey('key-1');
    } catch (error) {
      return error;
    }
  }

  test('a non-2xx JSON error body is a KmsApiError with status, code, request ID, host ID and recommendation', async () => {
    const error = await outcome(json(409, { RequestId: 'R', HostId: 'H', Code: 'Rejected.Disabled', Message: 'key is disabled', Recommend: 'https://r' }));
    expect(error).toBeInstanceOf(KmsApiError);
    expect(error).toMatchObject({ httpStatus: 409, code: 'Rejected.Disabled', serviceMessage: 'key is disabled', requestId: 'R', hostId: 'H', recommend: 'https://r', action: 'DescribeKey', keyId: 'key-1' });
  });

  test('a garbled body is a bad-response transport error with the HTTP status', async () => {
    const error = await outcome({ status: 400, headers: { 'content-type': 'application/json' }, body: '{"Code": "Thrott' });
    expect(error).toBeInstanceOf(KmsTransportError);
    expect(error).toMatchObject({ kind: 'bad-response', httpStatus: 400, action: 'DescribeKey' });
  });

  test('an empty body is a bad-response transport error', async () => {
    expect(await outcome({ status: 503, headers: {}, body: '' })).toMatchObject({ kind: 'bad-response', httpStatus: 503 });
  });

  test('a 5xx HTML page is a bad-response transport error that does not quote the page', async () => {
    const error = await outcome({ status: 504, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><title>Gateway Timeout</title></html>' });
    expect(error).toMatchObject({ kind: 'bad-response', httpStatus: 504 });
    expect(String(error)).not.toContain('Gateway Timeout');
  });

  test('a 2xx of the wrong shape is a bad-response naming the action and field, not the body', async () => {
    const error = await outcome(json(200, { RequestId: 'R', KeyMetadata: { KeyId: 'k', Description: 'top secret description' } }));
    expect(error).toMatchObject({ kind: 'bad-response', action: 'DescribeKey', httpStatus: 200 });
    expect(String(error)).toMatch(/Arn/);
    expect(String(error)).not.toContain('top secret description');
  });

  test('a good answer gives the value and the request ID', async () => {
    expect(await outcome(json(200, { RequestId: 'R-1', KeyMetadata: wireKeyMetadata() }))).toMatchObject({ requestId: 'R-1', value: { keyState: 'Enabled' } });
  });
});
