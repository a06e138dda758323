import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { MIN_ROTATION_INTERVAL_SECONDS } from '../../kms/wire/enums.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';
import { durationProblem, formatDuration, parseDuration } from '../../time/duration.js';
import type { KeyRuleContext } from './rule-context.js';

/**
 * `rotation.maxAge` must parse (the schema's pattern lets through values too long to compute with) and
 * be at least the service's 7 days between two versions: a shorter age could never be kept.
 */
export function maxAgeAtLeastMinimum({ key, name, valueRange }: KeyRuleContext): Diagnostic[] {
  const written = key.rotation?.maxAge;
  if (written === undefined) return [];
  const parsed = parseDuration(written);
  if ('error' in parsed) {
    return [
      errorDiagnostic(
        CONFIG_CODES.badDuration,
        `bad duration ${JSON.stringify(written)} in rotation of key ${quote(name)}: ${durationProblem(written) ?? parsed.error}`,
        valueRange(['rotation', 'maxAge']),
      ),
    ];
  }
  if (parsed.seconds >= MIN_ROTATION_INTERVAL_SECONDS) return [];
  const minimum = formatDuration(MIN_ROTATION_INTERVAL_SECONDS);
  return [
    errorDiagnostic(
      CONFIG_CODES.maxAgeTooShort,
      `rotation.maxAge of key ${quote(name)} is ${written}, shorter than ${minimum}`,
      valueRange(['rotation', 'maxAge']),
      `the service allows a new version at most every ${minimum} (604800s), so a younger maximum age could never be kept`,
    ),
  ];
}
