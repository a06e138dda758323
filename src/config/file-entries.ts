/**
 * What one checked file contributes to the config: the logical names it declares (all of them, also
 * those whose entry failed the schema, so that a name in two files is still caught), its accounts, its
 * defaults, and a rule context for each key entry. A file the schema found unusable (another format
 * version, keys not a mapping) contributes its names only.
 */
import type { CheckedFile } from './config-locator.js';
import type { AccountEntry } from './rules/account-way.js';
import { fileDefaults, keyRuleContext, type FileDefaults, type KeyRuleContext } from './rules/rule-context.js';
import type { NamedEntry } from './rules/unique-key-names.js';
import type { WrittenAccount, WrittenConfig, WrittenDefaults, WrittenKey } from './written-config.js';

export interface FileEntries {
  names: NamedEntry[];
  accounts: AccountEntry[];
  /** Undefined when the file is unusable. */
  defaults: FileDefaults | undefined;
  keys: KeyRuleContext[];
}

export function fileEntries(file: CheckedFile): FileEntries {
  const { locator, schema, path } = file;
  const written = (isPlainObject(file.written) ? file.written : {}) as Partial<WrittenConfig>;
  const value = (isPlainObject(schema.value) ? schema.value : {}) as Partial<WrittenConfig>;
  const declared = (section: 'keys' | 'accounts'): string[] => {
    const map = written[section];
    return isPlainObject(map) ? locator.mappingKeys([section]).filter((name) => Object.hasOwn(map, name)) : [];
  };

  const names = declared('keys').map((name) => ({ name, file: path, nameRange: locator.keyRange(['keys', name]) }));
  if (!schema.usable) return { names, accounts: [], defaults: undefined, keys: [] };

  const defaults = fileDefaults(locator, schema.damage, path, (isPlainObject(value.defaults) ? value.defaults : {}) as WrittenDefaults);
  const accounts: AccountEntry[] = declared('accounts').map((name) => ({
    name,
    file: path,
    account: (entryOf(value.accounts, name) ?? {}) as WrittenAccount,
    damaged: (sub) => schema.damage.touches(['accounts', name, ...sub]),
    nameRange: () => locator.keyRange(['accounts', name]),
    keyRange: (sub) => locator.keyRange(['accounts', name, ...sub]),
  }));
  const keys: KeyRuleContext[] = [];
  for (const { name } of names) {
    // An entry that is not a mapping at all failed the schema whole: there is nothing for the rules.
    const key = entryOf(value.keys, name);
    if (key !== undefined) keys.push(keyRuleContext(locator, schema.damage, defaults, name, key as WrittenKey));
  }
  return { names, accounts, defaults, keys };
}

function entryOf(map: unknown, name: string): object | undefined {
  if (!isPlainObject(map) || !Object.hasOwn(map, name)) return undefined;
  const entry = (map as Record<string, unknown>)[name];
  return isPlainObject(entry) ? entry : undefined;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
