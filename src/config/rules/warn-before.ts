import { errorDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { durationProblem, parseDuration } from '../../time/duration.js';
import { CONFIG_CODES } from '../codes.js';
import { quote } from '../describe-path.js';
import { effectiveMaxAge, effectiveWarnBefore, type Sourced } from './effective.js';
import type { FileDefaults, KeyRuleContext } from './rule-context.js';

/**
 * `rotation.warnBefore` is a window before the key falls due, so it must be shorter than the key's
 * maxAge (a window as long as the age would mark a key due soon the day it rotated). Checked for a key
 * when one of the two is its own; defaultWarnBefore checks a file's defaults once.
 */
export function warnBeforeWithinMaxAge(context: KeyRuleContext): Diagnostic[] {
  const warn = effectiveWarnBefore(context);
  if (typeof warn !== 'object') return [];
  const where = `rotation of key ${quote(context.name)}`;
  if (warn.from === 'key') {
    const problem = durationProblem(warn.value);
    if (problem !== undefined) return [errorDiagnostic(CONFIG_CODES.badDuration, `bad duration ${JSON.stringify(warn.value)} in ${where}: ${problem}`, warn.range())];
  }
  const max = effectiveMaxAge(context);
  if (typeof max !== 'object' || (warn.from === 'defaults' && max.from === 'defaults')) return [];
  return compare(warn, max, where);
}

export function defaultWarnBefore(defaults: FileDefaults): Diagnostic[] {
  const rotation = defaults.values.rotation;
  if (rotation?.warnBefore === undefined) return [];
  const warn: Sourced<string> = { value: rotation.warnBefore, from: 'defaults', range: () => defaults.valueRange(['rotation', 'warnBefore']) };
  const problem = durationProblem(warn.value);
  if (problem !== undefined) return [errorDiagnostic(CONFIG_CODES.badDuration, `bad duration ${JSON.stringify(warn.value)} in defaults.rotation: ${problem}`, warn.range())];
  if (rotation.maxAge === undefined) return [];
  return compare(warn, { value: rotation.maxAge, from: 'defaults', range: () => defaults.valueRange(['rotation', 'maxAge']) }, 'defaults.rotation');
}

function compare(warn: Sourced<string>, max: Sourced<string>, where: string): Diagnostic[] {
  const warnSeconds = parseDuration(warn.value);
  const maxSeconds = parseDuration(max.value);
  // An unparsable maxAge has its own diagnostic.
  if (!('seconds' in warnSeconds) || !('seconds' in maxSeconds) || warnSeconds.seconds < maxSeconds.seconds) return [];
  const [at, other] = warn.from === 'key' || max.from === 'defaults' ? [warn, max] : [max, warn];
  const diagnostic = errorDiagnostic(
    CONFIG_CODES.warnBeforeTooLong,
    `warnBefore in ${where} is ${warn.value}, not shorter than its maxAge of ${max.value}`,
    at.range(),
    'warnBefore is the window before a rotation falls due in which kmsctl marks the key as due soon; make it shorter than maxAge',
  );
  diagnostic.related = [{ message: other === max ? `maxAge is ${max.value} here` : `warnBefore is ${warn.value} here`, source: other.range() }];
  return [diagnostic];
}
