/**
 * `--quota`: the request quotas kmsctl paces each (account, region) to, as the client's `quotas` option
 * takes them. Each value is what KMSCTL_QUOTAS holds (`unlimited`, or `group=figure` pairs separated by
 * commas), read by the client's own parser so that the flag and the variable cannot mean different
 * things; values apply in order, so `--quota unlimited --quota key-write=30` limits only the writes.
 * A group name kmsctl does not know gets the closest known one.
 */
import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { KmsConfigError } from '../../kms/errors.js';
import { parseQuotaOverrides, type QuotaOverrides } from '../../kms/pair-traffic.js';
import { QUOTA_GROUPS } from '../../kms/wire/quotas.js';
import { CLI_CODES } from '../error-codes.js';

/** The overrides of every `--quota` value, in order; undefined when none is given (or any is wrong: see the diagnostics). */
export function parseQuotaFlags(values: readonly string[], diagnostics: Diagnostic[]): QuotaOverrides | undefined {
  if (values.length === 0) return undefined;
  const merged: Record<string, number | 'unlimited'> = {};
  let bad = false;
  for (const value of values) {
    const unknown = unknownGroup(value);
    if (unknown !== undefined) {
      const hint = didYouMean(unknown, QUOTA_GROUPS);
      diagnostics.push(errorDiagnostic(CLI_CODES.badFlagValue, `--quota ${value}: no quota group ${JSON.stringify(unknown)}`, undefined, `${hint ? `did you mean "${hint}"? ` : ''}the groups are ${QUOTA_GROUPS.join(', ')}`));
      bad = true;
      continue;
    }
    const parsed = overridesOf(value);
    if (parsed === undefined) {
      diagnostics.push(errorDiagnostic(CLI_CODES.badFlagValue, `--quota takes "unlimited" or GROUP=N (requests per second above 0, or unlimited), got ${JSON.stringify(value)}`, undefined, 'e.g. --quota key-read=40 --quota key-write=20'));
      bad = true;
      continue;
    }
    Object.assign(merged, parsed);
  }
  return bad ? undefined : (merged as QuotaOverrides);
}

/** The first `group=` of a value that names no quota group. */
function unknownGroup(value: string): string | undefined {
  for (const part of value.split(',')) {
    const name = /^\s*([^=\s]+)\s*=/.exec(part)?.[1];
    if (name !== undefined && !(QUOTA_GROUPS as readonly string[]).includes(name)) return name;
  }
  return undefined;
}

/** The client's reading of one value, or undefined when it is malformed (the parser quotes it; the flag says its own words). */
function overridesOf(value: string): QuotaOverrides | undefined {
  if (value.trim() === '') return undefined;
  try {
    const overrides = parseQuotaOverrides(value);
    // The client refuses a figure of 0 only when it builds its pacers; the flag refuses it here.
    return Object.values(overrides ?? {}).some((figure) => figure !== 'unlimited' && !(figure > 0)) ? undefined : overrides;
  } catch (error) {
    if (error instanceof KmsConfigError) return undefined;
    throw error;
  }
}
