/**
 * Checks a structurally valid seed against the service's rules and adds its accounts, instances and
 * keys. Idempotent: a key or instance whose ID exists already is skipped whole (a key with its versions
 * and aliases), and an account's roles are set to the seed's, so applying a seed to a state that came
 * from it, or twice, changes nothing.
 */
import { formatDate } from './dates.js';
import { DEFAULT_KEY_NUM, findInstance } from './instances.js';
import type { AccountRecord, AliasRecord, InstanceRecord, KeyRecord, Scope } from './model.js';
import { aliasNameProblem } from './key-rules.js';
import { buildSeedKey } from './seed-key.js';
import { SeedError, formatPath, type LoadedSeed, type SeedProblem } from './seed-load.js';
import type { EmulatorStore } from './store.js';

export interface SeedResult {
  /** Key IDs added by this application. */
  created: string[];
  /** Key IDs that existed already and were left as they are. */
  skipped: string[];
}

type Path = (string | number)[];

export function applySeed(store: EmulatorStore, loaded: LoadedSeed, defaults: { region: string }): SeedResult {
  const nowMs = store.clock.nowMs();
  const problems: SeedProblem[] = [];
  const report = (path: Path, message: string): void => {
    problems.push({ message: `${formatPath(path)}: ${message}`, ...loaded.locate(path) });
  };
  const { seed } = loaded;
  const region = seed.region ?? defaults.region;
  const base = store.baseAccount;
  const accounts = buildAccounts(loaded, report);
  const instances = buildInstances(store, loaded, { account: base, region }, formatDate(nowMs), report);
  const seeded = new Map(instances.map((instance) => [instance.instanceId, instance]));
  // The instance a key names: one this seed declares, else one the caller's scope has (declared before, or a default one).
  const instanceOf = (scope: Scope, instanceId: string): Readonly<InstanceRecord> | undefined => {
    const declared = seeded.get(instanceId);
    if (declared !== undefined) return declared.account === scope.account && declared.region === scope.region ? declared : undefined;
    return findInstance(store, scope, instanceId);
  };
  const usage = new Map<string, number>();
  const built: { key: KeyRecord; aliases: AliasRecord[] }[] = [];
  const seenIds = new Set<string>();
  const seenAliases = new Set<string>();
  (seed.keys ?? []).forEach((seedKey, index) => {
    const at = (...rest: Path): Path => ['keys', index, ...rest];
    if (seenIds.has(seedKey.id)) report(at('id'), `the key ID ${seedKey.id} appears more than once`);
    seenIds.add(seedKey.id);
    const scope = { account: seedKey.account ?? base, region: seedKey.region ?? region };
    const instance = seedKey.dkmsInstanceId === undefined ? undefined : instanceOf(scope, seedKey.dkmsInstanceId);
    if (seedKey.dkmsInstanceId !== undefined && instance === undefined) {
      report(at('dkmsInstanceId'), `no KMS instance ${seedKey.dkmsInstanceId} in account ${scope.account}, region ${scope.region}; declare it under instances`);
    }
    const key = buildSeedKey(seedKey, scope, instance, nowMs, (field, message) => report(at(...field), message));
    if (instance !== undefined && !store.keyById(key.keyId)) {
      const used = (usage.get(instance.instanceId) ?? store.instanceUsage(instance.instanceId)) + key.versions.length;
      usage.set(instance.instanceId, used);
      if (used > instance.keyNum) report(at('versions'), `the KMS instance ${instance.instanceId} holds at most ${instance.keyNum} key versions`);
    }
    const aliases = (seedKey.aliases ?? []).map((aliasName, i) => {
      const problem = aliasNameProblem(aliasName);
      if (problem) report(at('aliases', i), `the alias ${aliasName} ${problem}`);
      const id = `${scope.account}\n${scope.region}\n${aliasName}`;
      if (seenAliases.has(id)) report(at('aliases', i), `the alias ${aliasName} is used twice in region ${scope.region}`);
      seenAliases.add(id);
      const existing = store.alias(scope, aliasName);
      if (existing && existing.keyId !== key.keyId && !store.keyById(key.keyId)) {
        report(at('aliases', i), `the alias ${aliasName} already points to key ${existing.keyId} in region ${scope.region}`);
      }
      return { ...scope, aliasName, keyId: key.keyId };
    });
    built.push({ key, aliases });
  });
  if (problems.length > 0) throw new SeedError(loaded.file, problems);

  const result: SeedResult = { created: [], skipped: [] };
  store.mutate((writer) => {
    for (const account of accounts) writer.putAccount(account);
    for (const instance of instances) if (!store.declaredInstance(instance.instanceId)) writer.putInstance(instance);
    for (const { key, aliases } of built) {
      if (store.keyById(key.keyId)) {
        result.skipped.push(key.keyId);
        continue;
      }
      writer.addKey(key);
      for (const alias of aliases) writer.putAlias(alias);
      result.created.push(key.keyId);
    }
  });
  return result;
}

function buildAccounts(loaded: LoadedSeed, report: (path: Path, message: string) => void): AccountRecord[] {
  const seen = new Set<string>();
  return (loaded.seed.accounts ?? []).map((account, index) => {
    if (seen.has(account.uid)) report(['accounts', index, 'uid'], `the account ${account.uid} appears more than once`);
    seen.add(account.uid);
    return { uid: account.uid, roles: account.roles === undefined ? null : [...account.roles] };
  });
}

/** Declared instances; one that exists already (from the state file) is kept as it is, like a key. */
function buildInstances(store: EmulatorStore, loaded: LoadedSeed, defaults: Scope, createTime: string, report: (path: Path, message: string) => void): InstanceRecord[] {
  const seen = new Set<string>();
  return (loaded.seed.instances ?? []).map((instance, index) => {
    const scope = { account: instance.account ?? defaults.account, region: instance.region ?? defaults.region };
    if (seen.has(instance.id)) report(['instances', index, 'id'], `the instance ID ${instance.id} appears more than once`);
    seen.add(instance.id);
    const existing = store.declaredInstance(instance.id);
    if (existing !== undefined && (existing.account !== scope.account || existing.region !== scope.region)) {
      report(['instances', index, 'id'], `the instance ${instance.id} exists already in account ${existing.account}, region ${existing.region}`);
    }
    return {
      instanceId: instance.id,
      ...scope,
      kind: instance.kind,
      name: instance.name ?? instance.id,
      keyNum: instance.keyNum ?? DEFAULT_KEY_NUM,
      createTime,
    };
  });
}
