import { describe, expect, test } from 'vitest';
import { assertValidRegion, endpointForRegion, isLoopbackHost, isValidRegion, parseEndpointOverride, quoteUrl, regionEndpoint, resolveEndpointOverride } from '../../src/kms/endpoint.js';
import { resolveStsEndpoint } from '../../src/kms/sts-endpoint.js';
import { KmsConfigError } from '../../src/kms/errors.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof KmsConfigError ? error.code : 'not-a-config-error';
  }
  return undefined;
}

describe('regions', () => {
  test('a region uses https://kms.<region>.aliyuncs.com', () => {
    expect(regionEndpoint('cn-hangzhou')).toEqual({ origin: 'https://kms.cn-hangzhou.aliyuncs.com', path: '/', url: 'https://kms.cn-hangzhou.aliyuncs.com' });
    expect(endpointForRegion('ap-southeast-1', undefined).url).toBe('https://kms.ap-southeast-1.aliyuncs.com');
  });

  test.each(['cn-hangzhou', 'ap-southeast-1', 'us-west-1', 'cn-north-2-gov-1', 'eu-central-1'])('%s is a valid region', (region) => {
    expect(isValidRegion(region)).toBe(true);
  });

  test.each(['', 'hangzhou', 'CN-HANGZHOU', 'cn_hangzhou', 'cn-hangzhou.evil.com', 'c-x', 'cn-hangzhou/x', '../etc'])('%j is refused with region.invalid', (region) => {
    expect(codeOf(() => assertValidRegion(region))).toBe('region.invalid');
    expect(codeOf(() => regionEndpoint(region))).toBe('region.invalid');
  });

  test('with an override every region goes to it, but regions are still checked', () => {
    const override = parseEndpointOverride('http://127.0.0.1:8080');
    expect(endpointForRegion('cn-hangzhou', override)).toBe(override);
    expect(endpointForRegion('eu-central-1', override)).toBe(override);
    expect(codeOf(() => endpointForRegion('nope', override))).toBe('region.invalid');
  });
});

describe('endpoint overrides', () => {
  test.each(['http://127.0.0.1:8080', 'http://127.0.0.2:1', 'http://127.255.255.254', 'http://[::1]:9000', 'http://localhost:3000', 'http://LOCALHOST', 'http://[::ffff:127.0.0.1]:1'])('plain http to loopback %s is allowed', (url) => {
    expect(parseEndpointOverride(url).origin).toBe(new URL(url).origin);
  });

  test.each(['http://example.com', 'http://10.0.0.1:8080', 'http://128.0.0.1', 'http://[::2]', 'http://localhost.example.com', 'http://0.0.0.0:80', 'http://kms.cn-hangzhou.aliyuncs.com'])('plain http to %s is refused with endpoint.insecure', (url) => {
    expect(codeOf(() => parseEndpointOverride(url))).toBe('endpoint.insecure');
  });

  test('https to any host is allowed', () => {
    expect(parseEndpointOverride('https://kms-vpc.cn-hangzhou.aliyuncs.com').url).toBe('https://kms-vpc.cn-hangzhou.aliyuncs.com');
    expect(parseEndpointOverride(' https://example.com:8443/ ').url).toBe('https://example.com:8443');
  });

  test('a path behind a gateway is kept', () => {
    expect(parseEndpointOverride('https://gw.example.com/kms')).toEqual({ origin: 'https://gw.example.com', path: '/kms', url: 'https://gw.example.com/kms' });
  });

  test.each(['kms.cn-hangzhou.aliyuncs.com', '127.0.0.1:8080', 'ftp://127.0.0.1', 'file:///etc/passwd', 'https://user:pass@example.com', 'https://example.com/?a=1', 'https://example.com/#x', ''])('%j is refused with endpoint.invalid', (url) => {
    expect(codeOf(() => parseEndpointOverride(url))).toBe('endpoint.invalid');
  });

  test('the option wins over KMSCTL_ENDPOINT; an empty value means none', () => {
    const env = { KMSCTL_ENDPOINT: 'http://127.0.0.1:1' };
    expect(resolveEndpointOverride({ endpoint: 'http://127.0.0.1:2', env })?.origin).toBe('http://127.0.0.1:2');
    expect(resolveEndpointOverride({ env })?.origin).toBe('http://127.0.0.1:1');
    expect(resolveEndpointOverride({ endpoint: '', env: { KMSCTL_ENDPOINT: '  ' } })).toBeUndefined();
    expect(codeOf(() => resolveEndpointOverride({ env: { KMSCTL_ENDPOINT: 'http://example.com' } }))).toBe('endpoint.insecure');
  });

  test('loopback detection', () => {
    expect(['127.0.0.1', '127.9.9.9', '::1', '[::1]', 'localhost'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', 'example.com', '::', '[::2]', '1.2.7.127'].some(isLoopbackHost)).toBe(false);
  });
});

describe('a user or password in an endpoint URL is never echoed', () => {
  const PASSWORD = 'Pa55w0rdNeverShown';
  const USER = 'svcUserNeverShown';
  // Each is invalid for another reason too: the password used to come out in the message about that reason.
  const invalid = [
    `http://${USER}:${PASSWORD}@127.0.0.1:99999`,
    `http://${USER}:${PASSWORD}@[::1`,
    `ftp://${USER}:${PASSWORD}@127.0.0.1`,
    `https://${USER}:${PASSWORD}@kms.cn-hangzhou.aliyuncs.com`,
    `http://${USER}:${PASSWORD}@example.com`,
    `http://${USER}:p@ss:${PASSWORD}@127.0.0.1:99999`,
  ];

  test.each(invalid)('--endpoint and KMSCTL_ENDPOINT %j', (url) => {
    for (const attempt of [() => resolveEndpointOverride({ endpoint: url }), () => resolveEndpointOverride({ env: { KMSCTL_ENDPOINT: url } })]) {
      const error = captured(attempt);
      expect(error).toBeInstanceOf(KmsConfigError);
      expect(error.message).not.toContain(PASSWORD);
      expect(error.message).not.toContain(USER);
    }
  });

  test.each(invalid)('--sts-endpoint, KMSCTL_STS_ENDPOINT and a profile sts_endpoint %j', (url) => {
    const attempts = [
      () => resolveStsEndpoint({ flag: url, env: {} }),
      () => resolveStsEndpoint({ env: { KMSCTL_STS_ENDPOINT: url } }),
      () => resolveStsEndpoint({ env: {}, profile: { sts_endpoint: url } }),
      () => resolveStsEndpoint({ env: { KMSCTL_STS_ENDPOINT: url }, allowLoopbackHttp: true }),
    ];
    for (const attempt of attempts) {
      const error = captured(attempt);
      expect(error).toBeInstanceOf(KmsConfigError);
      expect(error.message).not.toContain(PASSWORD);
      expect(error.message).not.toContain(USER);
    }
  });

  test('quoting a URL keeps its host and port, escapes control characters, and hides what stands before the @', () => {
    expect(quoteUrl(`http://u:${PASSWORD}@127.0.0.1:99999/x`)).toBe('"http://***@127.0.0.1:99999/x"');
    expect(quoteUrl('http://127.0.0.1:99999')).toBe('"http://127.0.0.1:99999"');
    expect(quoteUrl('http://\u001b[2Jhost')).toBe('"http://\\\\u001b[2Jhost"');
  });
});

function captured(attempt: () => unknown): Error {
  try {
    attempt();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}
