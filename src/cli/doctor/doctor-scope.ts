/**
 * What `kmsctl doctor` checks, found from the config when there is one (-f, else kmsctl.yaml or
 * kmsctl.yml when present): the regions of the base identity's keys and every account with the
 * regions of its keys (--account narrows to those accounts); without a config, the one region of
 * --region, ALIBABA_CLOUD_REGION_ID or the CLI profile. What cannot be found becomes a problem sentence.
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DesiredState } from '../../config/desired-state.js';
import { loadConfig } from '../../config/load-config.js';
import { ALTERNATE_CONFIG_FILE, DEFAULT_CONFIG_FILE } from '../../config/read-config-files.js';
import { REGION_ENV } from '../../config/resolve-region.js';
import { readProfileRegion } from '../../kms/aliyun-cli-config.js';
import { isValidRegion } from '../../kms/endpoint.js';
import { selectAccounts } from '../../operations/select-keys.js';
import type { AccountToCheck } from './check-accounts.js';
import type { DoctorInput } from './diagnose.js';
import type { DoctorReport, RegionOriginName } from './doctor-report.js';

export interface RegionChoice {
  region: string;
  origin: RegionOriginName;
  keys: number | undefined;
}

export interface Found {
  config: DoctorReport['config'];
  regions: RegionChoice[];
  accounts: AccountToCheck[];
}

/**
 * The config's regions and accounts when a config is given or present (-f, else kmsctl.yaml or
 * kmsctl.yml), else the one region of the flags and environment.
 */
export async function findRegions(input: DoctorInput, problems: string[]): Promise<Found> {
  const profileRegion = await readProfileRegion({ env: input.env, profile: input.profile, homeDir: input.homeDir });
  const named = input.accounts ?? [];
  const files = input.files.length > 0 || (await defaultConfigPresent(input.cwd)) ? input.files : undefined;
  if (files !== undefined) {
    // --region fills in for keys that name no region, as in plan: it takes ALIBABA_CLOUD_REGION_ID's place.
    const env = input.region === undefined ? { ...input.env } : { ...input.env, [REGION_ENV]: input.region };
    const loaded = await loadConfig({ files: [...files], cwd: input.cwd, env, profileRegion });
    const errors = loaded.counts.errors;
    const config = { files: loaded.value?.files ?? [...files], keys: loaded.value?.keys.length ?? 0, errors };
    if (loaded.value) {
      const selected = selectAccounts(loaded.value, named);
      for (const d of selected.diagnostics) problems.push(`${d.summary}${d.detail ? ` (${d.detail})` : ''}.`);
      // Named accounts narrow the run to them: the base identity's regions are then not checked.
      const regions = named.length > 0 ? [] : regionCounts(loaded.value.keys.filter((key) => key.account === undefined)).map(([region, keys]) => ({ region, origin: 'config' as const, keys }));
      return { config, regions, accounts: accountsToCheck(loaded.value, named) };
    }
    problems.push(`The config has ${errors} error${errors === 1 ? '' : 's'}: run \`kmsctl validate${files.map((f) => ` -f ${f}`).join('')}\`.`);
    return { config, regions: fallbackRegion(input, profileRegion, problems, true), accounts: [] };
  }
  if (named.length > 0) problems.push(`--account names accounts of a config, and no config was read (no -f, no ${DEFAULT_CONFIG_FILE} or ${ALTERNATE_CONFIG_FILE} here).`);
  return { config: undefined, regions: fallbackRegion(input, profileRegion, problems, false), accounts: [] };
}

/** Every declared account (or those named), in the order declared, with the regions of its keys. */
function accountsToCheck(desired: DesiredState, named: readonly string[]): AccountToCheck[] {
  const specs = [...desired.accounts.values()].filter((spec) => named.length === 0 || named.includes(spec.name));
  return specs.map((spec) => ({ spec, regions: new Map(regionCounts(desired.keys.filter((key) => key.account === spec.name))) }));
}

function regionCounts(keys: readonly { region: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key.region, (counts.get(key.region) ?? 0) + 1);
  return [...counts];
}

async function defaultConfigPresent(cwd: string): Promise<boolean> {
  return (await exists(resolve(cwd, DEFAULT_CONFIG_FILE))) || (await exists(resolve(cwd, ALTERNATE_CONFIG_FILE)));
}

function fallbackRegion(input: DoctorInput, profileRegion: string | undefined, problems: string[], afterConfig: boolean): RegionChoice[] {
  const candidates: [string | undefined, RegionOriginName][] = [
    [input.region, '--region'],
    [input.env['ALIBABA_CLOUD_REGION_ID'], 'ALIBABA_CLOUD_REGION_ID'],
    [profileRegion, 'CLI profile region_id'],
  ];
  for (const [value, origin] of candidates) {
    const region = value?.trim();
    if (region === undefined || region === '') continue;
    if (!isValidRegion(region)) {
      problems.push(`The region ${JSON.stringify(region)} from ${origin} is not a region ID such as cn-hangzhou.`);
      return [];
    }
    return [{ region, origin, keys: undefined }];
  }
  if (!afterConfig) problems.push('No region to check: no config (kmsctl.yaml or -f), and none of --region, ALIBABA_CLOUD_REGION_ID or a CLI profile region_id is set.');
  return [];
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
