/**
 * A key's settings once its file's defaults are applied, field by field: the key's own value wins, then
 * `defaults`. Each value says where it came from, so a message points at the line that set it. A field
 * written but broken (it failed the schema) is `unknown`: nothing falls back past it, and no rule
 * reasons about it (its schema error says what is wrong).
 */
import type { SourceRange } from '../../diagnostics/diagnostic.js';
import type { PathSegment } from '../yaml-locate.js';
import type { KeyRuleContext } from './rule-context.js';

export interface Sourced<T> {
  value: T;
  from: 'key' | 'defaults';
  /** Where the value was written. */
  range(): SourceRange;
}

export type Effective<T> = Sourced<T> | 'unset' | 'unknown';

/** The setting at `path` of the key (`['rotation', 'maxAge']`), else of its file's defaults. */
function effective<T>(context: KeyRuleContext, path: readonly PathSegment[], read: (root: Record<string, unknown>) => unknown, is: (value: unknown) => value is T): Effective<T> {
  const own = read(context.key as Record<string, unknown>);
  if (is(own)) return { value: own, from: 'key', range: () => context.valueRange(path) };
  // A broken `rotation:` (a misspelt field, say) may have meant to set this one: do not guess past it.
  const section = path.slice(0, 1);
  if (context.damaged(section)) return 'unknown';
  const fallback = read(context.defaults.values as Record<string, unknown>);
  if (is(fallback)) return { value: fallback, from: 'defaults', range: () => context.defaults.valueRange(path) };
  return context.defaults.damaged(section) ? 'unknown' : 'unset';
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number';
const rotationField = (field: 'maxAge' | 'warnBefore') => (root: Record<string, unknown>) => (root['rotation'] as Record<string, unknown> | undefined)?.[field];

export function effectiveMaxAge(context: KeyRuleContext): Effective<string> {
  return effective(context, ['rotation', 'maxAge'], rotationField('maxAge'), isString);
}

export function effectiveWarnBefore(context: KeyRuleContext): Effective<string> {
  return effective(context, ['rotation', 'warnBefore'], rotationField('warnBefore'), isString);
}

export function effectiveMaxVersions(context: KeyRuleContext): Effective<number> {
  return effective(context, ['maxVersions'], (root) => root['maxVersions'], isNumber);
}

export function effectiveAccount(context: KeyRuleContext): Effective<string> {
  return effective(context, ['account'], (root) => root['account'], isString);
}

/** The value when one is set, else undefined (unset or unknown alike). */
export function valueOf<T>(setting: Effective<T>): T | undefined {
  return typeof setting === 'object' ? setting.value : undefined;
}
