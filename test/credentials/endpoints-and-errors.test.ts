import { describe, expect, test } from 'vitest';
import { LibraryCredentialSource, credentialsFailure } from '../../src/kms/library-credentials.js';
import { resolveStsEndpoint } from '../../src/kms/sts-endpoint.js';

describe('the STS endpoint', () => {
  test('--sts-endpoint, then KMSCTL_STS_ENDPOINT, then the profile, then the STS region, then sts.aliyuncs.com', () => {
    const env = { KMSCTL_STS_ENDPOINT: 'https://127.0.0.1:9443', ALIBABA_CLOUD_STS_REGION: 'cn-shanghai' };
    const profile = { sts_endpoint: 'sts.cn-beijing.aliyuncs.com', sts_region: 'cn-shenzhen' };
    expect(resolveStsEndpoint({ flag: 'https://[::1]:8443/', env, profile })).toEqual({ host: '[::1]:8443', url: 'https://[::1]:8443', origin: '--sts-endpoint' });
    expect(resolveStsEndpoint({ env, profile })).toEqual({ host: '127.0.0.1:9443', url: 'https://127.0.0.1:9443', origin: 'KMSCTL_STS_ENDPOINT' });
    expect(resolveStsEndpoint({ env: {}, profile })).toMatchObject({ host: 'sts.cn-beijing.aliyuncs.com', origin: 'profile sts_endpoint' });
    expect(resolveStsEndpoint({ env: {}, profile: { sts_region: 'cn-shenzhen', enable_vpc: true } })).toMatchObject({ host: 'sts-vpc.cn-shenzhen.aliyuncs.com', origin: 'STS region' });
    expect(resolveStsEndpoint({ env: { ALIBABA_CLOUD_STS_REGION: 'cn-shanghai', ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'TRUE' } })).toMatchObject({ host: 'sts-vpc.cn-shanghai.aliyuncs.com' });
    expect(resolveStsEndpoint({ env: {} })).toEqual({ host: 'sts.aliyuncs.com', url: 'https://sts.aliyuncs.com', origin: 'default' });
  });

  test.each([
    ['http://127.0.0.1:8080', 'endpoint.insecure'],
    ['https://sts.aliyuncs.com/path', 'endpoint.invalid'],
    ['https://user:pw@sts.aliyuncs.com', 'endpoint.invalid'],
    ['https://sts.aliyuncs.com/?x=1', 'endpoint.invalid'],
    ['https://', 'endpoint.invalid'],
  ])('%s is refused with %s', (value, code) => {
    expect(() => resolveStsEndpoint({ flag: value, env: {} })).toThrow(expect.objectContaining({ code }));
  });
});

describe('library failures become messages without secrets', () => {
  test('an STS error body becomes its code, message and request ID; the signed URL and the secrets are dropped', () => {
    const body = JSON.stringify({ RequestId: 'REQ-1', Code: 'SignatureDoesNotMatch', Message: 'server string to sign is:POST&%2F&AccessKeyId%3DSTS.x%26SecurityToken%3DCAIStoken123%26' });
    const error = credentialsFailure('CLI profile "ci"', new Error(`refresh session token failed: ${body}`), ['the-long-term-secret']);
    expect(error.code).toBe('credentials.failed');
    expect(error.message).toMatch(/^cannot get credentials from CLI profile "ci": STS answered SignatureDoesNotMatch: .* \(RequestId REQ-1\)$/);
    expect(error.message).not.toContain('CAIStoken123');
  });

  test('a network failure keeps the method and origin but not the signed query', () => {
    const error = credentialsFailure('OIDC role r', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1POST https://127.0.0.1:1/?AccessKeyId=a&Signature=s%3D&SecurityToken=t failed.'), { code: 'ECONNREFUSED' }), []);
    expect(error.message).toBe('cannot get credentials from OIDC role r: connect ECONNREFUSED 127.0.0.1:1 (POST https://127.0.0.1:1)');
  });

  test('an untrusted certificate gets the NODE_EXTRA_CA_CERTS hint', () => {
    const error = credentialsFailure('OIDC role r', Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), []);
    expect(error.message).toContain('NODE_EXTRA_CA_CERTS');
  });

  test('known secrets are removed from any message', () => {
    expect(credentialsFailure('x', new Error('bad key the-long-term-secret'), ['the-long-term-secret']).message).not.toContain('the-long-term-secret');
  });
});

describe('the adapter over a library provider', () => {
  test('concurrent requests share one refresh; an empty token means long-term credentials', async () => {
    let calls = 0;
    const provider = {
      getProviderName: () => 'fake',
      getCredentials: async () => {
        calls += 1;
        await new Promise((done) => setTimeout(done, 20));
        return { accessKeyId: `id-${calls}`, accessKeySecret: 'secret', securityToken: '', providerName: 'fake' };
      },
    };
    const source = new LibraryCredentialSource(provider as never, 'fake');
    const all = await Promise.all(Array.from({ length: 10 }, () => source.get()));
    expect(calls).toBe(1);
    expect(all.every((c) => c.accessKeyId === 'id-1' && !('securityToken' in c))).toBe(true);
    expect((await source.get()).accessKeyId).toBe('id-2');
  });
});
