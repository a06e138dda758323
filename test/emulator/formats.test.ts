import { describe, expect, test } from 'vitest';
import { createKey, expectError, startTest, T0 } from './helpers.js';

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe('response formats', () => {
  test('a request without Format is answered in XML with the action-named root element', async () => {
    const { kms } = await startTest();
    const response = await kms.call('CreateKey', { KeySpec: 'RSA_2048' }, { format: null });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/xml/);
    expect(response.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<CreateKeyResponse><RequestId>[0-9A-F-]{36}<\/RequestId><KeyMetadata><KeyId>key-/);
    expect(response.text).toContain('<DKMSInstanceId></DKMSInstanceId>');
    expect(response.text).toContain(`<CreationDate>${T0}</CreationDate>`);
  });

  test.each(['json', 'JSON', 'Json'])('Format=%s is answered in JSON', async (format) => {
    const { kms } = await startTest();
    const response = await kms.call('ListKeys', {}, { format: format as 'json' });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ RequestId: expect.stringMatching(UUID), Keys: { Key: [] }, PageNumber: 1, PageSize: 10, TotalCount: 0 });
  });

  test('XML lists repeat the item element inside the list element, as the service nests them', async () => {
    const { kms, emulator } = await startTest();
    const key = await createKey(kms, { KeySpec: 'RSA_2048' });
    emulator.clock.advance(7 * 86_400_000);
    await kms.ok('CreateKeyVersion', { KeyId: key.KeyId });
    const response = await kms.call('ListKeyVersions', { KeyId: key.KeyId }, { format: 'XML' });
    expect(response.text).toMatch(
      /<ListKeyVersionsResponse><RequestId>[^<]+<\/RequestId><KeyVersions><KeyVersion><KeyId>[^<]+<\/KeyId><KeyVersionId>[^<]+<\/KeyVersionId><CreationDate>[^<]+<\/CreationDate><\/KeyVersion><KeyVersion>.*<\/KeyVersion><\/KeyVersions><PageNumber>1<\/PageNumber><PageSize>10<\/PageSize><TotalCount>2<\/TotalCount><\/ListKeyVersionsResponse>$/,
    );
  });

  test('KMS\'s own errors in XML have the KMS root and KMS\'s fields', async () => {
    const { kms } = await startTest();
    const response = await kms.call('DescribeKey', { KeyId: 'missing' }, { format: 'XML' });
    expect(response.status).toBe(404);
    expect(response.text).toMatch(/<KMS><HttpStatus>404<\/HttpStatus><Code>Forbidden.KeyNotFound<\/Code><Message>[^<]+<\/Message><RequestId>[0-9A-F-]{36}<\/RequestId><\/KMS>$/);
  });

  test('the gateway\'s refusals in XML have the Error root and the gateway\'s fields', async () => {
    const { kms } = await startTest();
    const response = await kms.call('DescribeKey', { KeyId: 'missing' }, { format: 'XML', accessKeySecret: 'wrong' });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/<Error><RequestId>[0-9A-F-]{36}<\/RequestId><HostId>[^<]+<\/HostId><Code>SignatureDoesNotMatch<\/Code><Message>[^<]+<\/Message><Recommend>[^<]+<\/Recommend><\/Error>$/);
  });

  test('XML escapes markup and characters XML cannot carry', async () => {
    const { kms } = await startTest();
    const response = await kms.call('CreateKey', { Description: '<a href="x">&\'\u0001' }, { format: 'XML' });
    expect(response.text).toContain('<Description>&lt;a href=&quot;x&quot;&gt;&amp;&apos;\uFFFD</Description>');
  });

  test('an unknown Format is InvalidParameter', async () => {
    const { kms } = await startTest();
    const response = await kms.call('ListKeys', {}, { tamper: (p) => (p['Format'] = 'YAML') });
    expect(response.status).toBe(400);
    expect(response.text).toContain('<Code>');
  });

  test('V3 requests without Format are answered in JSON, with Format=XML in XML', async () => {
    const { kms } = await startTest();
    expect((await kms.call('ListKeys', {}, { transport: 'v3-query', format: null })).body.TotalCount).toBe(0);
    expect((await kms.call('ListKeys', {}, { transport: 'v3-query', format: 'XML' })).text).toContain('<ListKeysResponse>');
  });

  test('every answer carries a RequestId, also as the x-acs-request-id header', async () => {
    const { kms } = await startTest();
    const ok = await kms.call('ListAliases');
    const failed = await kms.call('DescribeKey', { KeyId: 'nope' });
    for (const response of [ok, failed]) {
      expect(response.body.RequestId).toMatch(UUID);
      expect(response.headers['x-acs-request-id']).toBe(response.body.RequestId);
    }
    expect(ok.body.RequestId).not.toBe(failed.body.RequestId);
  });

  test('the Date header of every answer is the emulator clock, as the service\'s Date is the service\'s time', async () => {
    const { kms, emulator } = await startTest();
    emulator.clock.advance(7 * 86_400_000);
    expect((await kms.call('ListKeys')).headers['date']).toBe('Sat, 17 Jan 2026 08:00:00 GMT');
    expect((await kms.call('DescribeKey', { KeyId: 'nope' })).headers['date']).toBe('Sat, 17 Jan 2026 08:00:00 GMT');
  });

  test('JSON errors of KMS have exactly HttpStatus, Code, Message and RequestId; the gateway\'s RequestId, HostId, Code, Message and Recommend', async () => {
    const { kms } = await startTest();
    expectError(await kms.call('DescribeKey', {}), 'MissingParameter', 400, 'kms');
    expectError(await kms.call('DescribeKey', {}, { version: '' }), 'MissingParameter', 400, 'gateway');
  });

  test.each([
    ['a wrong signature', { accessKeySecret: 'wrong' }, 'SignatureDoesNotMatch', 400],
    ['an unknown access key', { accessKeyId: 'nobody' }, 'InvalidAccessKeyId.NotFound', 404],
    ['a stale timestamp', { timestamp: '2020-01-01T00:00:00Z' }, 'IllegalTimestamp', 400],
    ['a missing signature', { omitSignature: true }, 'IncompleteSignature', 400],
    ['an unsupported API version', { version: '2020-01-01' }, 'InvalidParameter', 400],
  ])('%s is refused by the gateway, in its error body', async (_name, options, code, status) => {
    const { kms } = await startTest();
    expectError(await kms.call('ListKeys', {}, options), code, status, 'gateway');
  });

  test('an unknown action and a reused nonce are the gateway\'s refusals too', async () => {
    const { kms } = await startTest();
    expectError(await kms.call('DescribeEverything'), 'InvalidAction.NotFound', 400, 'gateway');
    await kms.ok('ListKeys', {}, { nonce: 'once' });
    expectError(await kms.call('ListKeys', {}, { nonce: 'once' }), 'SignatureNonceUsed', 400, 'gateway');
  });

  test.each([
    ['a missing parameter', 'DescribeKey', {}, 'MissingParameter', 400],
    ['a malformed parameter', 'ListKeys', { PageSize: '0' }, 'InvalidParameter', 400],
    ['an unknown key', 'DescribeKey', { KeyId: 'key-none' }, 'Forbidden.KeyNotFound', 404],
    ['an unknown alias', 'DescribeKey', { KeyId: 'alias/none' }, 'Forbidden.AliasNotFound', 404],
  ])('%s is KMS\'s own error, in KMS\'s body', async (_name, action, params, code, status) => {
    const { kms } = await startTest();
    expectError(await kms.call(action, params), code, status, 'kms');
  });
});
