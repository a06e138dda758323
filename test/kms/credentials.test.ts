import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { EnvCredentialsProvider, StaticCredentialsProvider, maskAccessKeyId } from '../../src/kms/credentials.js';
import { KmsConfigError } from '../../src/kms/errors.js';

async function configCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KmsConfigError) return error.code;
    throw error;
  }
  return undefined;
}

describe('environment credentials', () => {
  test('reads the access key, secret and optional token from the env object', async () => {
    const provider = new EnvCredentialsProvider({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'DUMMY0Example1234', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret-value', ALIBABA_CLOUD_SECURITY_TOKEN: 'token' });
    expect(await provider.getCredentials()).toEqual({ accessKeyId: 'DUMMY0Example1234', accessKeySecret: 'secret-value', securityToken: 'token' });
    expect(await provider.describe()).toEqual({ source: 'environment', accessKeyId: 'DUMM****1234', hasSecurityToken: true });
  });

  test('without a token there is no securityToken field', async () => {
    const credentials = await new EnvCredentialsProvider({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' }).getCredentials();
    expect('securityToken' in credentials).toBe(false);
  });

  test('values are trimmed, and blank ones count as missing', async () => {
    const provider = new EnvCredentialsProvider({ ALIBABA_CLOUD_ACCESS_KEY_ID: ' id\n', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret\n', ALIBABA_CLOUD_SECURITY_TOKEN: '  ' });
    expect(await provider.getCredentials()).toEqual({ accessKeyId: 'id', accessKeySecret: 'secret' });
  });

  test('missing variables give credentials.missing naming the ones to set', async () => {
    expect(await configCode(new EnvCredentialsProvider({}).getCredentials())).toBe('credentials.missing');
    const onlyId = new EnvCredentialsProvider({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id' });
    await expect(onlyId.getCredentials()).rejects.toThrow(/ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    await expect(onlyId.getCredentials()).rejects.not.toThrow(/ALIBABA_CLOUD_ACCESS_KEY_ID and/);
    expect(await configCode(new EnvCredentialsProvider({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' }).describe())).toBe('credentials.missing');
  });

  test('the env is read when asked, not when the provider is made', async () => {
    const env: Record<string, string | undefined> = {};
    const provider = new EnvCredentialsProvider(env);
    env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'later';
    env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'later-secret';
    expect((await provider.getCredentials()).accessKeyId).toBe('later');
  });

  test('printing or serialising a provider shows no secret', () => {
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'very-secret-value' };
    for (const provider of [new EnvCredentialsProvider(env), new StaticCredentialsProvider({ accessKeyId: 'id', accessKeySecret: 'very-secret-value' })]) {
      expect(inspect(provider, { showHidden: true, depth: 5 })).not.toContain('very-secret-value');
      expect(JSON.stringify(provider)).not.toContain('very-secret-value');
    }
  });
});

describe('static credentials', () => {
  test('an empty key is credentials.missing', () => {
    expect(() => new StaticCredentialsProvider({ accessKeyId: '', accessKeySecret: 's' })).toThrow(KmsConfigError);
  });

  test('describe names the given source', async () => {
    expect(await new StaticCredentialsProvider({ accessKeyId: 'kmsctl-demo-access-key-id', accessKeySecret: 's' }, 'emulator demo').describe()).toEqual({
      source: 'emulator demo',
      accessKeyId: 'kmsc****y-id',
      hasSecurityToken: false,
    });
  });
});

describe('masking access key IDs', () => {
  test.each([
    ['DUMMY0ExampleAccessKey9xyz', 'DUMM****9xyz'],
    ['kmsctl-demo-access-key-id', 'kmsc****y-id'],
    ['123456789012', '1234****9012'],
    ['12345678', '12****78'],
    ['1234567', '****'],
    ['', '****'],
  ])('%j masks to %j', (id, masked) => {
    expect(maskAccessKeyId(id)).toBe(masked);
  });

  test('at most 8 characters of the ID are ever shown', () => {
    for (let n = 0; n < 40; n++) {
      const id = 'x'.repeat(n);
      expect(maskAccessKeyId(id).replace(/\*/g, '').length).toBeLessThanOrEqual(Math.min(8, Math.max(0, n - 4)));
    }
  });
});
