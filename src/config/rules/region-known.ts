import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { quote } from '../describe-path.js';
import { parseKeyArn } from '../key-ids.js';
import { unknownRegion } from '../region-check.js';
import type { FileDefaults, KeyRuleContext } from './rule-context.js';

/** The key's own region, and the region in its ARN, are regions KMS serves (region-check.ts). */
export function regionKnown(context: KeyRuleContext): Diagnostic[] {
  const found: (Diagnostic | undefined)[] = [];
  if (context.key.region !== undefined) found.push(unknownRegion(context.key.region, `of key ${quote(context.name)}`, context.valueRange(['region'])));
  const arn = context.key.keyId === undefined ? undefined : parseKeyArn(context.key.keyId);
  if (arn !== undefined) found.push(unknownRegion(arn.region, `in the ARN of key ${quote(context.name)}`, context.valueRange(['keyId'])));
  return found.filter((d): d is Diagnostic => d !== undefined);
}

/** `defaults.region`, once for its file. */
export function defaultRegionKnown(defaults: FileDefaults): Diagnostic[] {
  const region = defaults.values.region;
  const found = region === undefined ? undefined : unknownRegion(region, 'in defaults', defaults.valueRange(['region']));
  return found === undefined ? [] : [found];
}
