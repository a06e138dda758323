/** The connection flags every command that talks to KMS takes: signing and quota overrides reach the client. */
import { describe, expect, it } from 'vitest';
import { parseCommandArguments } from '../../src/cli/arguments/command-line.js';
import { CONNECTION_OPTIONS, parseConnectionArgs } from '../../src/cli/arguments/connection-args.js';
import { CLI_CODES } from '../../src/cli/error-codes.js';
import { openSession } from '../../src/operations/session.js';

function connection(args: string[]) {
  const parsed = parseCommandArguments('plan', CONNECTION_OPTIONS, args, false);
  expect(parsed.diagnostics).toEqual([]);
  return parseConnectionArgs(parsed.values);
}

describe('--signature-version', () => {
  it('is v3 unless v1 is asked for', () => {
    expect(connection([]).value?.signatureVersion).toBe('v3');
    expect(connection(['--signature-version', 'v1']).value?.signatureVersion).toBe('v1');
    expect(connection(['--signature-version', 'V3']).value?.signatureVersion).toBe('v3');
  });

  it('refuses anything else with a coded diagnostic quoting the value', () => {
    const parsed = connection(['--signature-version', 'v2']);
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.code)).toEqual([CLI_CODES.badFlagValue]);
    expect(parsed.diagnostics[0]?.summary).toContain('"v2"');
  });
});

describe('--quota', () => {
  it('takes group figures, "unlimited", and lists of both, applied in order', () => {
    expect(connection([]).value?.quotas).toBeUndefined();
    expect(connection(['--quota', 'key-read=40', '--quota', 'key-write=20']).value?.quotas).toEqual({ 'key-read': 40, 'key-write': 20 });
    expect(connection(['--quota', 'unlimited', '--quota', 'key-write=30']).value?.quotas).toEqual({ 'key-read': 'unlimited', 'key-write': 30, 'key-create': 'unlimited', 'instance-read': 'unlimited' });
    expect(connection(['--quota', 'key-read=12.5,instance-read=unlimited']).value?.quotas).toEqual({ 'key-read': 12.5, 'instance-read': 'unlimited' });
  });

  it('names the closest group for an unknown one', () => {
    const parsed = connection(['--quota', 'key-raed=40']);
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.code)).toEqual([CLI_CODES.badFlagValue]);
    expect(parsed.diagnostics[0]?.detail).toContain('"key-read"');
  });

  it.each(['key-read', 'key-read=', 'key-read=0', 'key-read=-1', 'key-read=fast', ''])('refuses %j', (value) => {
    const parsed = connection(['--quota', value]);
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.code)).toEqual([CLI_CODES.badFlagValue]);
  });
});

describe('a session', () => {
  it('paces each location to the --quota figures, overriding KMSCTL_QUOTAS', async () => {
    const session = openSession(
      { endpoint: 'http://127.0.0.1:9', profile: undefined, stsEndpoint: undefined, parallelism: 4, signatureVersion: 'v1', quotas: { 'key-read': 7 } },
      { env: { KMSCTL_QUOTAS: 'key-read=3,key-write=2', ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret' }, signal: new AbortController().signal },
      { payments: { roleArn: 'acs:ram::2234567890123456:role/kmsctl' } },
    );
    try {
      session.forLocation({ account: 'payments', region: 'cn-shanghai' });
      session.forLocation({ account: undefined, region: 'cn-hangzhou' });
      const traffic = session.clients.traffic();
      expect(Object.keys(traffic).sort()).toEqual(['-/cn-hangzhou', 'payments/cn-shanghai']);
      expect(traffic['payments/cn-shanghai']?.pacers['key-read']?.configured).toBe(7);
      // --quota replaces KMSCTL_QUOTAS as a whole: the groups it leaves out keep the published figures.
      expect(traffic['-/cn-hangzhou']?.pacers['key-write']?.configured).toBe(30);
      expect(session.clients.accountNames()).toEqual(['payments']);
    } finally {
      await session.close();
    }
  });
});
