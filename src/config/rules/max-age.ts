import { errorDiagnostic, type Diagnostic, type SourceRange } from '../../diagnostics/diagnostic.js';
import { MIN_ROTATION_INTERVAL_SECONDS } from '../../kms/wire/enums.js';
import { durationProblem, formatDuration, parseDuration } from '../../time/duration.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';
import type { FileDefaults, KeyRuleContext } from './rule-context.js';

/** The key's own `rotation.maxAge`: see checkMaxAge. */
export function maxAgeAtLeastMinimum({ key, name, valueRange }: KeyRuleContext): Diagnostic[] {
  const written = key.rotation?.maxAge;
  return written === undefined ? [] : checkMaxAge(written, `rotation of key ${quote(name)}`, valueRange(['rotation', 'maxAge']));
}

/** `defaults.rotation.maxAge`, once for its file. */
export function defaultMaxAgeAtLeastMinimum(defaults: FileDefaults): Diagnostic[] {
  const written = defaults.values.rotation?.maxAge;
  return written === undefined ? [] : checkMaxAge(written, 'defaults.rotation', defaults.valueRange(['rotation', 'maxAge']));
}

/**
 * A maxAge must parse (the schema's pattern lets through values too long to compute with) and be at
 * least the service's 7 days between two versions: a shorter age could never be kept.
 */
function checkMaxAge(written: string, where: string, source: SourceRange): Diagnostic[] {
  const parsed = parseDuration(written);
  if ('error' in parsed) return [errorDiagnostic(CONFIG_CODES.badDuration, `bad duration ${JSON.stringify(written)} in ${where}: ${durationProblem(written) ?? parsed.error}`, source)];
  if (parsed.seconds >= MIN_ROTATION_INTERVAL_SECONDS) return [];
  const minimum = formatDuration(MIN_ROTATION_INTERVAL_SECONDS);
  return [
    errorDiagnostic(
      CONFIG_CODES.maxAgeTooShort,
      `maxAge in ${where} is ${written}, shorter than ${minimum}`,
      source,
      `the service allows a new version at most every ${minimum} (604800s), so a younger maximum age could never be kept`,
    ),
  ];
}
