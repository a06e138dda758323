/**
 * Region precedence, in one place: the key's own `region`, then its file's `defaults.region`, then
 * `--region` (the region of keys that name none, in place of ALIBABA_CLOUD_REGION_ID: it never moves a key
 * that names its region), then ALIBABA_CLOUD_REGION_ID, then the CLI profile's `region_id`, and last the
 * region named in the key's ARN (which must agree with any other that applies; load-config.ts checks).
 * Empty strings count as unset.
 */
import { errorDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { CONFIG_CODES } from './codes.js';
import { isRegionId } from './identifiers.js';
import { unknownRegion } from './region-check.js';

export const REGION_ENV = 'ALIBABA_CLOUD_REGION_ID';

export type RegionOrigin = 'key' | 'defaults' | 'flag' | 'environment' | 'profile' | 'arn';

export interface RegionInputs {
  /** `--region`: for keys that name none, neither on the key nor in their file's defaults. */
  flag: string | undefined;
  environment: string | undefined;
  /** The `region_id` of the Alibaba Cloud CLI profile in use, when there is one. */
  profile?: string | undefined;
}

/** The region of one key and where it came from, or undefined when nothing sets one. */
export function resolveRegion(
  keyRegion: string | undefined,
  defaultRegion: string | undefined,
  inputs: RegionInputs,
  arnRegion?: string | undefined,
): { region: string; origin: RegionOrigin } | undefined {
  const candidates: [string | undefined, RegionOrigin][] = [
    [keyRegion, 'key'],
    [defaultRegion, 'defaults'],
    [inputs.flag, 'flag'],
    [inputs.environment, 'environment'],
    [inputs.profile, 'profile'],
    [arnRegion, 'arn'],
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
 * The region inputs from outside the files. A malformed or mistyped `--region` is always reported; an
 * environment or profile value only when a key falls back to it (the caller reports `environmentProblem`
 * or `profileProblem` then: an error drops the value, a warning, for a region kmsctl does not know, keeps it).
 */
export function regionInputs(
  regionFlag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  profileRegion?: string | undefined,
): { inputs: RegionInputs; diagnostics: Diagnostic[]; environmentProblem: Diagnostic | undefined; profileProblem: Diagnostic | undefined } {
  const diagnostics: Diagnostic[] = [];
  let flag = regionFlag === '' ? undefined : regionFlag;
  const flagProblem = flag === undefined ? undefined : regionInputProblem(flag, '--region');
  if (flagProblem) diagnostics.push(flagProblem);
  if (flagProblem?.severity === 'error') flag = undefined;
  const raw = env[REGION_ENV];
  const environment = raw === undefined || raw === '' ? undefined : raw;
  const environmentProblem = environment === undefined ? undefined : regionInputProblem(environment, REGION_ENV);
  const profile = profileRegion === '' ? undefined : profileRegion;
  const profileProblem = profile === undefined ? undefined : regionInputProblem(profile, 'the CLI profile\'s region_id');
  return { inputs: { flag, environment, profile }, diagnostics, environmentProblem, profileProblem };
}

function regionInputProblem(value: string, where: string): Diagnostic | undefined {
  return isRegionId(value) ? unknownRegion(value, `in ${where}`) : badRegionInput(value, where);
}
