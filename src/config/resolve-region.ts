/**
 * Region precedence, in one place: `--region` (regionOverride), then the key's own `region`, then its
 * file's `defaults.region`, then ALIBABA_CLOUD_REGION_ID, then the CLI profile's `region_id`. Empty
 * strings count as unset.
 */
import { errorDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { CONFIG_CODES } from './codes.js';
import { isRegionId } from './identifiers.js';

export const REGION_ENV = 'ALIBABA_CLOUD_REGION_ID';

export type RegionOrigin = 'override' | 'key' | 'defaults' | 'environment' | 'profile';

export interface RegionInputs {
  override: string | undefined;
  environment: string | undefined;
  /** The `region_id` of the Alibaba Cloud CLI profile in use, when there is one. */
  profile?: string | undefined;
}

/** The region of one key and where it came from, or undefined when nothing sets one. */
export function resolveRegion(
  keyRegion: string | undefined,
  defaultRegion: string | undefined,
  inputs: RegionInputs,
): { region: string; origin: RegionOrigin } | undefined {
  const candidates: [string | undefined, RegionOrigin][] = [
    [inputs.override, 'override'],
    [keyRegion, 'key'],
    [defaultRegion, 'defaults'],
    [inputs.environment, 'environment'],
    [inputs.profile, 'profile'],
  ];
  for (const [region, origin] of candidates) {
    if (region !== undefined && region !== '') return { region, origin };
  }
  return undefined;
}

/** A malformed region from outside the files (`--region` or the environment), as a position-less error. */
export function badRegionInput(value: string, where: string): Diagnostic {
  return errorDiagnostic(CONFIG_CODES.badRegion, `bad region ${JSON.stringify(value)} in ${where}: expected a region ID such as cn-hangzhou or ap-southeast-1`);
}

/**
 * The region inputs from outside the files. A malformed `--region` is always an error; a malformed
 * environment value only when a key falls back to it (the caller reports `environmentProblem` then).
 */
export function regionInputs(
  regionOverride: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  profileRegion?: string | undefined,
): { inputs: RegionInputs; diagnostics: Diagnostic[]; environmentProblem: Diagnostic | undefined; profileProblem: Diagnostic | undefined } {
  const diagnostics: Diagnostic[] = [];
  let override = regionOverride === '' ? undefined : regionOverride;
  if (override !== undefined && !isRegionId(override)) {
    diagnostics.push(badRegionInput(override, '--region'));
    override = undefined;
  }
  const raw = env[REGION_ENV];
  const environment = raw === undefined || raw === '' ? undefined : raw;
  const environmentProblem = environment !== undefined && !isRegionId(environment) ? badRegionInput(environment, REGION_ENV) : undefined;
  const profile = profileRegion === '' ? undefined : profileRegion;
  const profileProblem = profile !== undefined && !isRegionId(profile) ? badRegionInput(profile, 'the CLI profile\'s region_id') : undefined;
  return { inputs: { override, environment, profile }, diagnostics, environmentProblem, profileProblem };
}
