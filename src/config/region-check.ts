/**
 * Whether a well-formed region ID is one KMS serves (src/kms/wire/regions.ts). A likely typo of a known
 * region (`cn-hangzou`) is an error with a did-you-mean; anything else unknown is a warning, because
 * Alibaba Cloud opens regions after kmsctl was released, and a known family with another number
 * (`ap-southeast-9`) is more likely one of those than a typo.
 */
import { errorDiagnostic, warningDiagnostic, type Diagnostic, type SourceRange } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { isKmsRegion, KMS_REGIONS } from '../kms/wire/regions.js';
import { CONFIG_CODES } from './codes.js';

/** Typos of a region ID are a letter or two; more than that is another name. */
const TYPO_DISTANCE = 2;

/** The diagnostic for a region that is not a known one, or undefined for a known one. `where` says whose region it is. */
export function unknownRegion(region: string, where: string, source?: SourceRange): Diagnostic | undefined {
  if (isKmsRegion(region)) return undefined;
  const family = region.replace(/-[0-9]+$/u, '');
  const newNumber = family !== region && KMS_REGIONS.some((known) => known.replace(/-[0-9]+$/u, '') === family);
  const suggestion = newNumber ? undefined : didYouMean(region, KMS_REGIONS, TYPO_DISTANCE);
  if (suggestion !== undefined) {
    return errorDiagnostic(CONFIG_CODES.unknownRegion, `unknown region ${JSON.stringify(region)} ${where}`, source, `did you mean ${JSON.stringify(suggestion)}?`);
  }
  return warningDiagnostic(
    CONFIG_CODES.unknownRegion,
    `region ${JSON.stringify(region)} ${where} is not one kmsctl knows`,
    source,
    'if Alibaba Cloud opened it after this kmsctl was released, this warning can be ignored; otherwise check the spelling',
  );
}
