/**
 * The checked files of a config → the desired state, with every finding of the second pass: accounts
 * merged across files, names unique across files, the rules on each key and on each file's defaults,
 * each key's account and region resolved (and an ARN's region checked against it), and no KMS key
 * declared twice. Never throws for a user mistake.
 */
import { errorDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { CONFIG_CODES } from './codes.js';
import type { CheckedFile } from './config-locator.js';
import type { DesiredKey, DesiredState } from './desired-state.js';
import { quote } from './describe-path.js';
import { fileEntries } from './file-entries.js';
import { parseKeyArn } from './key-ids.js';
import { unknownRegion } from './region-check.js';
import { mergeAccounts } from './merge-accounts.js';
import { normaliseKey } from './normalise.js';
import { REGION_ENV, regionInputs, resolveRegion, type RegionOrigin } from './resolve-region.js';
import { accountReference } from './rules/account-reference.js';
import { effectiveAccount, valueOf } from './rules/effective.js';
import { DEFAULTS_RULES, KEY_RULES, uniqueKeyNames, uniqueKeyTargets, type KeyRuleContext } from './rules/index.js';
import type { AccountEntry } from './rules/account-way.js';
import type { TargetEntry } from './rules/unique-key-targets.js';

export interface RegionSources {
  regionFlag?: string | undefined;
  env: Record<string, string | undefined>;
  profileRegion?: string | undefined;
}

/** `earlierErrors`: whether reading or parsing the files already failed (then "no keys" is not news). */
export function desiredFromFiles(
  files: readonly CheckedFile[],
  allFiles: readonly string[],
  regions: RegionSources,
  earlierErrors: boolean,
): { value: DesiredState | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const entries = files.map(fileEntries);

  const accountEntries: AccountEntry[] = entries.flatMap((e) => e.accounts);
  const accounts = mergeAccounts(accountEntries);
  diagnostics.push(...accounts.diagnostics);
  for (const { defaults } of entries) {
    if (!defaults) continue;
    diagnostics.push(...DEFAULTS_RULES.flatMap((rule) => rule(defaults)));
    const account = defaults.values.account;
    if (account !== undefined) diagnostics.push(...accountReference(account, 'in defaults', defaults.valueRange(['account']), accounts.names));
  }

  const names = entries.flatMap((e) => e.names);
  const unique = uniqueKeyNames(names);
  diagnostics.push(...unique.diagnostics);
  const repeated = new Set([...unique.repeats].map((e) => `${e.file}\u0000${e.name}`));

  const region = regionInputs(regions.regionFlag, regions.env, regions.profileRegion);
  diagnostics.push(...region.diagnostics);
  const reportedOnce = new Set<Diagnostic>();
  const once = (problem: Diagnostic): void => {
    if (!reportedOnce.has(problem)) diagnostics.push(problem);
    reportedOnce.add(problem);
  };

  const keys: DesiredKey[] = [];
  const targets: TargetEntry[] = [];
  for (const context of entries.flatMap((e) => e.keys)) {
    if (repeated.has(`${context.file}\u0000${context.name}`)) continue;
    const found = KEY_RULES.flatMap((rule) => rule(context));
    const account = effectiveAccount(context);
    if (typeof account === 'object' && account.from === 'key') found.push(...accountReference(account.value, `of key ${quote(context.name)}`, account.range(), accounts.names));

    const placed = placeKey(context, region, once);
    found.push(...placed.diagnostics);
    diagnostics.push(...found);
    if (placed.region === undefined || context.key.keyId === undefined || context.damaged(['keyId'])) continue;
    targets.push({ name: context.name, account: valueOf(account), keyId: context.key.keyId, region: placed.region, keyIdRange: context.valueRange(['keyId']) });
    if (!hasErrors(found) && account !== 'unknown' && !context.damaged([])) keys.push(normaliseKey(context, context.key.keyId, placed.region));
  }
  diagnostics.push(...uniqueKeyTargets(targets));

  if (names.length === 0 && !earlierErrors && !hasErrors(diagnostics)) {
    diagnostics.push({ severity: 'warning', code: CONFIG_CODES.noKeys, summary: 'the config declares no keys', detail: `files read: ${allFiles.join(', ')}` });
  }
  const value = hasErrors(diagnostics) ? undefined : { keys, accounts: accounts.accounts, files: [...allFiles] };
  return { value, diagnostics };
}

/**
 * The key's region by the precedence of resolve-region.ts, and whether its ARN agrees. A region written
 * but broken (a schema error) leaves the key unplaced, silently: its schema error says it all.
 */
function placeKey(context: KeyRuleContext, region: ReturnType<typeof regionInputs>, once: (d: Diagnostic) => void): { region: string | undefined; diagnostics: Diagnostic[] } {
  const { key, defaults } = context;
  const unplaced = { region: undefined, diagnostics: [] };
  if (context.damaged(['region']) || (key.region === undefined && defaults.damaged(['region']))) return unplaced;
  const arn = key.keyId === undefined || context.damaged(['keyId']) ? undefined : parseKeyArn(key.keyId);
  const resolved = resolveRegion(key.region, defaults.values.region, region.inputs, arn?.region);
  const outside = resolved?.origin === 'environment' ? region.environmentProblem : resolved?.origin === 'profile' ? region.profileProblem : undefined;
  if (outside) {
    once(outside);
    if (outside.severity === 'error') return unplaced;
  }
  if (!resolved) {
    if (region.diagnostics.length > 0) return unplaced;
    return {
      region: undefined,
      diagnostics: [
        errorDiagnostic(
          CONFIG_CODES.regionMissing,
          `key ${quote(context.name)} has no region`,
          context.nameRange(),
          `set "region" on the key or "defaults.region" in its file, or set ${REGION_ENV}, or pass --region (or set region_id in the Alibaba Cloud CLI profile)`,
        ),
      ],
    };
  }
  if (arn === undefined || resolved.region === arn.region) return { region: resolved.region, diagnostics: [] };
  // A mistyped region is reported as such; comparing the ARN with it would only echo the typo.
  if (unknownRegion(resolved.region, '')?.severity === 'error') return unplaced;
  const mismatch = errorDiagnostic(
    CONFIG_CODES.arnRegionMismatch,
    `the ARN of key ${quote(context.name)} names region ${arn.region}, but the key's region is ${resolved.region} (${ORIGIN[resolved.origin]})`,
    context.valueRange(['keyId']),
    `a key lives in one region: write the ARN of the key in ${resolved.region}, or set region: ${arn.region} on the key`,
  );
  if (resolved.origin === 'key') mismatch.related = [{ message: `region ${resolved.region} is set here`, source: context.valueRange(['region']) }];
  if (resolved.origin === 'defaults') mismatch.related = [{ message: `region ${resolved.region} is set here, for the file`, source: defaults.valueRange(['region']) }];
  return { region: undefined, diagnostics: [mismatch] };
}

const ORIGIN: Record<RegionOrigin, string> = {
  key: 'its own region',
  defaults: 'from defaults.region',
  flag: 'from --region',
  environment: `from ${REGION_ENV}`,
  profile: 'from the CLI profile',
  arn: 'from its ARN',
};
