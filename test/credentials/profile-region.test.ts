import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { readProfileRegion } from '../../src/kms/aliyun-cli-config.js';
import { tempDir } from '../emulator/helpers.js';
import { homeWith } from './helpers.js';

const PROFILES = {
  current: 'dev',
  profiles: [
    { name: 'dev', mode: 'AK', access_key_id: 'a', access_key_secret: 'b', region_id: 'cn-beijing' },
    { name: 'ci', mode: 'AK', access_key_id: 'a', access_key_secret: 'b', region_id: 'cn-shenzhen' },
    { name: 'bad', mode: 'AK', region_id: 'Mars' },
  ],
};

async function regionOf(keyYaml: string, options: { defaults?: string; flag?: string; env?: Record<string, string>; profileRegion?: string }) {
  const dir = tempDir();
  const file = join(dir, 'kmsctl.yaml');
  writeFileSync(file, `version: 1\n${options.defaults ? `defaults:\n  region: ${options.defaults}\n` : ''}keys:\n  k:\n    keyId: alias/k\n${keyYaml}    rotation:\n      maxAge: 90d\n`);
  const loaded = await loadConfig({ files: [file], cwd: dir, env: options.env ?? {}, regionFlag: options.flag, profileRegion: options.profileRegion });
  return { region: loaded.value?.keys[0]?.region, codes: loaded.diagnostics.map((d) => d.code) };
}

describe("the CLI profile's region_id is the last region fallback", () => {
  test('the profile chosen by --profile, ALIBABA_CLOUD_PROFILE or "current" gives its region_id', async () => {
    const home = homeWith(PROFILES);
    expect(await readProfileRegion({ env: { HOME: home } })).toBe('cn-beijing');
    expect(await readProfileRegion({ env: { HOME: home, ALIBABA_CLOUD_PROFILE: 'ci' } })).toBe('cn-shenzhen');
    expect(await readProfileRegion({ env: { HOME: home, ALIBABA_CLOUD_PROFILE: 'ci' }, profile: 'dev' })).toBe('cn-beijing');
    expect(await readProfileRegion({ env: { HOME: homeWith() } })).toBeUndefined();
    expect(await readProfileRegion({ env: { HOME: homeWith('not json') } })).toBeUndefined();
    expect(await readProfileRegion({ env: { HOME: home, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' } })).toBeUndefined();
  });

  test('--region, the key, defaults.region and ALIBABA_CLOUD_REGION_ID all come before it', async () => {
    const p = { profileRegion: 'cn-beijing' };
    expect((await regionOf('', p)).region).toBe('cn-beijing');
    expect((await regionOf('', { ...p, env: { ALIBABA_CLOUD_REGION_ID: 'cn-qingdao' } })).region).toBe('cn-qingdao');
    expect((await regionOf('', { ...p, defaults: 'cn-shanghai' })).region).toBe('cn-shanghai');
    expect((await regionOf('    region: cn-hongkong\n', { ...p, defaults: 'cn-shanghai' })).region).toBe('cn-hongkong');
    expect((await regionOf('', { ...p, flag: 'ap-southeast-1' })).region).toBe('ap-southeast-1');
    expect((await regionOf('    region: cn-hongkong\n', { ...p, flag: 'ap-southeast-1' })).region).toBe('cn-hongkong');
  });

  test('a malformed profile region is an error only for keys that fall back to it', async () => {
    expect((await regionOf('', { profileRegion: 'Mars' })).codes).toContain('config.bad-region');
    expect((await regionOf('', { profileRegion: 'Mars', defaults: 'cn-shanghai' })).codes).toEqual([]);
  });
});
