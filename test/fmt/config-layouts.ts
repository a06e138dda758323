/**
 * fast-check arbitraries for configs as people write them: any indentation width, lists indented or
 * not under their key, keys in any order, block or flow entries, quoted or plain labels, and comment
 * lines (at various columns) and end-of-line comments sprinkled everywhere, with blank lines.
 */
import fc from 'fast-check';

export interface Decor {
  /** Lines before the item: '' for a blank line, else comment text; `column` is where it goes. */
  before: { text: string; column: 'zero' | 'same' | 'deeper' }[];
  /** An end-of-line comment. */
  trailing: string | undefined;
  gap: number;
}

export type VersionField = ['id', string] | ['label', string];

export interface VersionEntry {
  fields: VersionField[];
  flow: boolean;
  decor: Decor;
  fieldDecor: Decor[];
}

export type KeyField =
  | { name: 'account'; value: string; decor: Decor }
  | { name: 'keyId'; value: string; decor: Decor }
  | { name: 'region'; value: string; decor: Decor }
  | { name: 'maxVersions'; value: number; decor: Decor }
  | { name: 'rotation'; maxAge: string; warnBefore: string | undefined; warnFirst: boolean; flow: boolean; decor: Decor; inner: Decor }
  | { name: 'versions'; entries: VersionEntry[]; decor: Decor };

export interface KeyModel {
  name: string;
  fields: KeyField[];
  decor: Decor;
}

export interface ConfigModel {
  keys: KeyModel[];
  unit: number;
  indentSeq: boolean;
  header: string[];
}

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const commentText = fc.oneof(word.map((w) => `# ${w}`), word.map((w) => `#${w}`), fc.constant('#'), word.map((w) => `# - label: ${w}   (later)`));

export const decor: fc.Arbitrary<Decor> = fc.record({
  before: fc.array(fc.record({ text: fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 3, arbitrary: commentText }), column: fc.constantFrom('zero' as const, 'same' as const, 'deeper' as const) }), { maxLength: 2 }),
  trailing: fc.option(commentText, { nil: undefined, freq: 3 }),
  gap: fc.integer({ min: 1, max: 4 }),
});

const uuid = fc.oneof(fc.uuid().map((u) => u.toLowerCase()), fc.tuple(word, word).map(([a, b]) => `key-hzz${a}-20v${b}`));
const label = fc.oneof(word, word.map((w) => `'${w} x'`), word.map((w) => `"${w}-q4"`));

const versionEntry = (withIds: boolean): fc.Arbitrary<VersionEntry> =>
  fc
    .record({ id: withIds ? fc.option(uuid, { nil: undefined }) : fc.constant(undefined), label: fc.option(label, { nil: undefined }), idFirst: fc.boolean(), flow: fc.boolean(), decor, fieldDecor: fc.array(decor, { minLength: 2, maxLength: 2 }) })
    .map(({ id, label: l, idFirst, flow, decor: d, fieldDecor }) => {
      const fields: VersionField[] = [];
      if (id !== undefined) fields.push(['id', id]);
      if (l !== undefined) fields.push(['label', l]);
      if (!idFirst) fields.reverse();
      return { fields: fields.length === 0 ? [['label', 'x'] as VersionField] : fields, flow, decor: d, fieldDecor };
    });

export function configModel(options: { flowEntries: boolean; withIds: boolean } = { flowEntries: true, withIds: true }): fc.Arbitrary<ConfigModel> {
  const entry = versionEntry(options.withIds).map((e) => (options.flowEntries ? e : { ...e, flow: false }));
  const key = fc
    .record({
      name: word,
      account: fc.option(word, { nil: undefined }),
      keyId: fc.oneof(word.map((w) => `alias/${w}`), word.map((w) => `acs:kms:cn-hangzhou:1234567890123456:key/key-${w}`)),
      region: fc.option(fc.constantFrom('cn-hangzhou', 'cn-shanghai'), { nil: undefined }),
      maxVersions: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
      rotation: fc.option(fc.record({ maxAge: fc.constantFrom('90d', '30d', '2w', '1w2d'), warnBefore: fc.option(fc.constantFrom('3d', '1d12h'), { nil: undefined }), warnFirst: fc.boolean(), flow: fc.boolean(), inner: decor }), { nil: undefined }),
      versions: fc.option(fc.array(entry, { minLength: 1, maxLength: 4 }), { nil: undefined }),
      decors: fc.array(decor, { minLength: 7, maxLength: 7 }),
      order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }),
    })
    .map(({ name, account, keyId, region, maxVersions, rotation, versions, decors, order }): KeyModel => {
      const fields: (KeyField | undefined)[] = [
        { name: 'keyId', value: keyId, decor: decors[0]! },
        region === undefined ? undefined : { name: 'region', value: region, decor: decors[1]! },
        versions === undefined ? undefined : { name: 'versions', entries: versions, decor: decors[2]! },
        rotation === undefined ? undefined : { name: 'rotation', ...rotation, decor: decors[3]! },
        maxVersions === undefined ? undefined : { name: 'maxVersions', value: maxVersions, decor: decors[4]! },
        account === undefined ? undefined : { name: 'account', value: account, decor: decors[6]! },
      ];
      return { name, fields: order.map((i) => fields[i]).filter((f): f is KeyField => f !== undefined), decor: decors[5]! };
    });
  return fc.record({
    keys: fc.uniqueArray(key, { minLength: 1, maxLength: 3, selector: (k) => k.name }),
    unit: fc.integer({ min: 2, max: 4 }),
    indentSeq: fc.boolean(),
    header: fc.array(fc.oneof(fc.constant(''), commentText), { maxLength: 2 }),
  });
}

/** The text of a model, and the model's value. */
export function renderConfig(model: ConfigModel): string {
  const out: string[] = [...model.header, 'version: 1', 'keys:'];
  const u = model.unit;
  const push = (column: number, text: string, d: Decor): void => {
    for (const line of d.before) {
      if (line.text === '') out.push('');
      else out.push(`${' '.repeat(line.column === 'zero' ? 0 : line.column === 'same' ? column : column + 2)}${line.text}`);
    }
    out.push(`${' '.repeat(column)}${text}${d.trailing ? `${' '.repeat(d.gap)}${d.trailing}` : ''}`);
  };
  for (const key of model.keys) {
    push(u, `${key.name}:`, key.decor);
    for (const field of key.fields) {
      const c = 2 * u;
      switch (field.name) {
        case 'account':
        case 'keyId':
        case 'region':
        case 'maxVersions':
          push(c, `${field.name}: ${field.value}`, field.decor);
          break;
        case 'rotation': {
          const pairs = [`maxAge: ${field.maxAge}`, ...(field.warnBefore === undefined ? [] : [`warnBefore: ${field.warnBefore}`])];
          if (field.warnFirst) pairs.reverse();
          if (field.flow) push(c, `rotation: { ${pairs.join(', ')} }`, field.decor);
          else {
            push(c, 'rotation:', field.decor);
            for (const pair of pairs) push(c + u, pair, field.inner);
          }
          break;
        }
        case 'versions': {
          push(c, 'versions:', field.decor);
          const dash = model.indentSeq ? c + u : c;
          for (const entry of field.entries) {
            if (entry.flow) {
              push(dash, `- { ${entry.fields.map(([k, v]) => `${k}: ${v}`).join(', ')} }`, entry.decor);
              continue;
            }
            entry.fields.forEach(([k, v], i) => {
              const d = entry.fieldDecor[i]!;
              if (i === 0) push(dash, `- ${k}: ${v}`, { ...entry.decor, trailing: d.trailing, gap: d.gap });
              else push(dash + 2, `${k}: ${v}`, d);
            });
          }
          break;
        }
      }
    }
  }
  return `${out.join('\n')}\n`;
}
