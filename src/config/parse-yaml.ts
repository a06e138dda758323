/**
 * Parses one config file's text into a YAML document that keeps source ranges, turning every yaml
 * error and warning into an error diagnostic (a warning such as an unresolved tag is still a mistake
 * in a config). Also rejects empty files, files whose top level is not a mapping, and tags that make a
 * value something a config cannot hold (`!!omap`, `!!set`, `!!binary`, `!!timestamp`, ...): yaml
 * resolves those to a Map, a Set, bytes or a Date, which the schema would read as an empty mapping.
 */
import { isAlias, isMap, isNode, parseDocument, visit, type Document, type Node } from 'yaml';
import { errorDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { CONFIG_CODES } from './codes.js';
import { duplicateKeys } from './duplicate-keys.js';
import type { ParsedFile } from './written-config.js';

/** Aliases expanded per document beyond this many are treated as an attack (yaml's own guard). */
const MAX_ALIAS_COUNT = 100;

export function parseConfigYaml(path: string, text: string): { value: ParsedFile | undefined; diagnostics: Diagnostic[] } {
  // Duplicate keys are checked by duplicateKeys, in linear time (yaml's own check is quadratic).
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
  const problems = [...document.errors, ...document.warnings, ...duplicateKeys(document)];
  if (problems.length > 0) {
    const diagnostics = problems.map((problem) => {
      const code = problem.code === 'DUPLICATE_KEY' ? CONFIG_CODES.yamlDuplicateKey : CONFIG_CODES.yamlSyntax;
      const summary = 'key' in problem ? duplicateKeySummary(problem.key) : `YAML: ${lowerFirst(problem.message)}`;
      // yaml may place an error at the end of input one past the last character: clamp into the text.
      const start = Math.min(problem.pos[0], text.length);
      return errorDiagnostic(code, summary, { file: path, start, end: Math.max(start, Math.min(problem.pos[1], text.length)) });
    });
    return { value: undefined, diagnostics };
  }

  const tagged = unsupportedTags(document, path, text);
  if (tagged.length > 0) return { value: undefined, diagnostics: tagged };

  const contents = document.contents as Node | null;
  if (contents === null || (contents.range && isNullScalar(contents))) {
    return { value: undefined, diagnostics: [errorDiagnostic(CONFIG_CODES.emptyFile, `the file "${path}" is empty`, { file: path, start: 0, end: 0 }, 'a config starts with "version: 1" and declares its keys under "keys:"')] };
  }
  if (!isMap(isAlias(contents) ? contents.resolve(document) : contents)) {
    const range = contents.range ?? [0, 0];
    return {
      value: undefined,
      diagnostics: [errorDiagnostic(CONFIG_CODES.notAMapping, `the top level of "${path}" must be a mapping (version:, defaults:, keys:), not ${describeNode(contents)}`, { file: path, start: range[0], end: range[1] })],
    };
  }

  const converted = toPlain(document, path);
  if ('diagnostic' in converted) return { value: undefined, diagnostics: [converted.diagnostic] };
  return { value: { path, document, value: converted.value }, diagnostics: [] };
}

/** The tags of the JSON data model: they never change what shape a value has. */
const PLAIN_TAGS: ReadonlySet<string> = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Every node with a tag outside the plain ones, at its tag (`!!omap` in `keys: !!omap [...]`). */
function unsupportedTags(document: Document.Parsed, path: string, text: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(document, (_key, node) => {
    if (!isNode(node) || node.tag === undefined || PLAIN_TAGS.has(node.tag)) return;
    const [valueStart, valueEnd] = node.range ?? [0, 0];
    const start = tagStart(text, valueStart);
    let end = start;
    while (end < valueStart && !/[\s[{]/u.test(text[end]!)) end++;
    const tag = node.tag.startsWith('tag:yaml.org,2002:') ? `!!${node.tag.slice('tag:yaml.org,2002:'.length)}` : node.tag;
    found.push(
      errorDiagnostic(
        CONFIG_CODES.yamlTag,
        `YAML tag ${JSON.stringify(tag)} is not supported in a config`,
        { file: path, start, end: end > start ? end : valueEnd },
        'a config holds plain mappings, lists, strings and numbers: remove the tag',
      ),
    );
  });
  return found;
}

/** Where the tag written before a value starts: the last `!` on the line before it, else the value. */
function tagStart(text: string, valueStart: number): number {
  const lineStart = Math.max(text.lastIndexOf('\n', valueStart - 1) + 1, 0);
  const bang = text.lastIndexOf('!', valueStart);
  if (bang < lineStart) return valueStart;
  let start = bang;
  while (start > lineStart && text[start - 1] === '!') start--;
  return start;
}

/** toJS can still fail after a clean parse (an unresolved or self-referencing alias, alias bombs). */
function toPlain(document: Document.Parsed, path: string): { value: unknown } | { diagnostic: Diagnostic } {
  const bad = findBadAlias(document);
  if (bad) {
    return { diagnostic: errorDiagnostic(CONFIG_CODES.yamlSyntax, `YAML: ${bad.reason}`, { file: path, start: bad.range[0], end: bad.range[1] }) };
  }
  try {
    return { value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const start = firstAliasStart(document);
    return { diagnostic: errorDiagnostic(CONFIG_CODES.yamlSyntax, `YAML: ${lowerFirst(message)}`, { file: path, start, end: start }) };
  }
}

/** An alias whose anchor is not defined before it, or that sits inside the node it names (a cycle). */
function findBadAlias(document: Document.Parsed): { reason: string; range: [number, number] } | undefined {
  let found: { reason: string; range: [number, number] } | undefined;
  visit(document, {
    Alias(_key, alias) {
      const [start, end] = alias.range ?? [0, 0];
      const target = alias.resolve(document) as Node | undefined;
      if (!target) {
        found = { reason: `the alias *${alias.source} has no anchor &${alias.source} before it`, range: [start, end] };
        return visit.BREAK;
      }
      const targetRange = target.range;
      if (targetRange && targetRange[0] <= start && end <= targetRange[2]) {
        found = { reason: `the alias *${alias.source} refers to the node that contains it`, range: [start, end] };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstAliasStart(document: Document.Parsed): number {
  let start = 0;
  visit(document, {
    Alias(_key, alias) {
      start = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return start;
}

function isNullScalar(node: Node): boolean {
  return 'value' in node && (node as { value: unknown }).value === null && !('items' in node);
}

function describeNode(node: Node): string {
  if ('items' in node) return 'a list';
  const value = (node as { value?: unknown }).value;
  if (typeof value === 'string') return `the text ${JSON.stringify(truncate(value))}`;
  return `the value ${String(value)}`;
}

function duplicateKeySummary(key: string): string {
  return key.trim() === '' ? 'a mapping key is repeated' : `${JSON.stringify(truncate(key))} is repeated in the same mapping`;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function lowerFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}
