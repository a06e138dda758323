/**
 * `kmsctl fmt` for one file: the canonical layout of a config (2-space indentation; top level version,
 * accounts, defaults, keys; within a key account, keyId, region, versions, rotation, maxVersions; within
 * defaults account, region, rotation, maxVersions; within an account roleArn, externalId, sessionName,
 * durationSeconds, profile; maxAge then warnBefore within a rotation; label then id within a version
 * entry; comments kept), proven before it is returned: the formatted text must read back as the same
 * value, keep every comment, and be its own canonical form. A file with YAML errors is refused with
 * their diagnostics.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, Lexer, parseDocument, type YAMLMap } from 'yaml';
import { parseConfigYaml } from '../config/parse-yaml.js';
import { errorDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Layout, LayoutError } from './format-layout.js';
import { lineBreakOf } from './text-edit.js';

export const FMT_CODES = {
  /** A construct the formatter does not re-emit (it leaves the file as it is). */
  unsupportedLayout: 'fmt.unsupported-layout',
  /** The formatted text failed its own check: a bug in kmsctl, never written. */
  unsafe: 'fmt.unsafe',
} as const;

const TOP_ORDER = ['version', 'accounts', 'defaults', 'keys'];
// Who and where before what: the account and the key's identity first, then its versions and policy.
const KEY_ORDER = ['account', 'keyId', 'region', 'versions', 'rotation', 'maxVersions'];
const DEFAULTS_ORDER = ['account', 'region', 'rotation', 'maxVersions'];
const ACCOUNT_ORDER = ['roleArn', 'externalId', 'sessionName', 'durationSeconds', 'profile'];
const ROTATION_ORDER = ['maxAge', 'warnBefore'];
// Label first, then the ID that pins it: the order `pin` writes, so pinning never leaves a file unformatted.
const VERSION_ORDER = ['label', 'id'];

/** The canonical key order of the mapping at a path into the config. */
export function configKeyOrder(path: readonly string[]): readonly string[] | undefined {
  const [section, name, field, index] = path;
  if (path.length === 0) return TOP_ORDER;
  if (section === 'defaults') return path.length === 1 ? DEFAULTS_ORDER : path.length === 2 && name === 'rotation' ? ROTATION_ORDER : undefined;
  if (section === 'accounts') return path.length === 2 ? ACCOUNT_ORDER : undefined;
  if (section !== 'keys') return undefined;
  if (path.length === 2) return KEY_ORDER;
  if (path.length === 3 && field === 'rotation') return ROTATION_ORDER;
  if (path.length === 4 && field === 'versions' && index !== undefined) return VERSION_ORDER;
  return undefined;
}

export interface FormatResult {
  /** The formatted text; undefined when the file was refused (see diagnostics). */
  text: string | undefined;
  diagnostics: Diagnostic[];
}

export function formatConfigText(path: string, text: string): FormatResult {
  const parsed = parseConfigYaml(path, text);
  if (!parsed.value) return { text: undefined, diagnostics: parsed.diagnostics };
  const formatted = layout(path, text, parsed.value.document.contents as YAMLMap);
  if ('diagnostic' in formatted) return { text: undefined, diagnostics: [formatted.diagnostic] };
  const problem = check(text, formatted.text, parsed.value.value);
  if (problem !== undefined) {
    return { text: undefined, diagnostics: [errorDiagnostic(FMT_CODES.unsafe, `kmsctl cannot format "${path}" safely (${problem}); the file was left as it is`, { file: path, start: 0, end: 0 }, 'this is a bug in kmsctl: please report it with the file')] };
  }
  return { text: formatted.text, diagnostics: [] };
}

function layout(path: string, text: string, root: YAMLMap): { text: string } | { diagnostic: Diagnostic } {
  if (!isMap(root) || root.flow) return { text };
  try {
    const lines = new Layout(text, configKeyOrder).render(root);
    const eol = lineBreakOf(text);
    return { text: `${lines.join(eol)}${eol}` };
  } catch (error) {
    if (!(error instanceof LayoutError)) throw error;
    const diagnostic = errorDiagnostic(FMT_CODES.unsupportedLayout, `kmsctl fmt cannot lay out this part of "${path}": ${error.message}`, { file: path, start: error.offset, end: error.offset }, 'the file was left as it is');
    return { diagnostic };
  }
}

/** Why the formatted text may not replace the original, or undefined when it may. */
function check(before: string, after: string, value: unknown): string | undefined {
  const document = parseDocument(after, { uniqueKeys: true });
  if (document.errors.length > 0) return `the result does not parse: ${document.errors[0]!.message}`;
  if (!isDeepStrictEqual(document.toJS({ maxAliasCount: 100 }), value)) return 'the result reads as a different value';
  if (!isDeepStrictEqual(comments(before), comments(after))) return 'a comment would be lost or changed';
  const again = new Layout(after, configKeyOrder).render(document.contents as YAMLMap).join(lineBreakOf(after)) + lineBreakOf(after);
  if (again !== after) return 'the result is not stable under a second run';
  return undefined;
}

/** Every comment of a text, in order of appearance, without surrounding space. */
export function comments(text: string): string[] {
  const found: string[] = [];
  for (const token of new Lexer().lex(text)) if (token.startsWith('#')) found.push(token.trimEnd());
  return found.sort();
}
