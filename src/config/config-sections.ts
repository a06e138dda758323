/**
 * Splits a config text into sections that parse on their own: one per entry of the root mapping, and
 * one per entry of the `keys:` mapping. A config of 10,000 keys is then parsed a key at a time, so the
 * parser's events for the whole file (some 45 MB for a 5 MB file that pins every version) never exist at
 * once; see fast-config-yaml.ts, which also checks that every section parses to what the whole file
 * would give, and reads the whole file when anything looks unusual.
 *
 * The split follows YAML's block structure: in block style, a line indented exactly as the entries of a
 * mapping starts its next entry. Document markers and directives are left to the whole reading. Blank lines and comment lines never start a section (they stay with
 * the one before). A line that would start a section inside a flow collection, a quoted scalar or a
 * block scalar leaves the section before it unfinished, which then fails to parse on its own: the
 * caller reads the whole file instead.
 */

/** A half-open range of the text. */
export interface TextSpan {
  start: number;
  end: number;
}

export interface ConfigSections {
  /** The entries of the root mapping, in written order (the `keys:` one holds its line and comments only). */
  root: TextSpan[];
  /** Which of them is `keys:` with a block mapping of entries below it, when one is. */
  keysAt: number | undefined;
  /** The entries of that mapping, in written order. */
  keys: TextSpan[];
}

/** A root entry `keys:` with nothing after the colon but a comment: its value is the block below. */
const KEYS_LINE = /^keys[ \t]*:[ \t]*(?:#.*)?\r?$/;
/** A document marker or a directive: what they mean depends on the whole stream, which only the whole reading sees. */
const STREAM_LINE = /^(?:---|\.\.\.)(?:[ \t\r]|$)|^%/;

/** The sections of `text`, or undefined when its layout is not one this split vouches for (a tab in an indentation). */
export function splitConfigSections(text: string): ConfigSections | undefined {
  const root: TextSpan[] = [];
  const keys: TextSpan[] = [];
  let keysAt: number | undefined;
  /** While in the block of `keys:`: the indentation of its entries, once seen. */
  let inKeys = false;
  let keysIndent = -1;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const next = newline === -1 ? text.length : newline + 1;
    let indent = 0;
    while (text.charCodeAt(start + indent) === 0x20) indent += 1;
    const first = start + indent < end ? text[start + indent] : undefined;
    if (first === '\t') return undefined;
    const structural = first !== undefined && first !== '#' && first !== '\r';
    if (structural && indent === 0) {
      if (STREAM_LINE.test(text.slice(start, Math.min(end, start + 4)))) return undefined;
      if (inKeys) close(keys, start);
      inKeys = false;
      close(root, start);
      root.push({ start: root.length === 0 ? 0 : start, end: text.length });
      if (KEYS_LINE.test(text.slice(start, end))) {
        // A second `keys:` is a duplicate key, which only the whole file's reading reports.
        if (keysAt !== undefined) return undefined;
        inKeys = true;
        keysIndent = -1;
        keysAt = root.length - 1;
      }
    } else if (structural && inKeys) {
      if (keysIndent === -1) {
        keysIndent = indent;
        close(root, start);
      }
      if (indent < keysIndent) return undefined;
      if (indent === keysIndent) {
        close(keys, start);
        keys.push({ start, end: text.length });
      }
    }
    start = next;
  }
  if (keys.length === 0) keysAt = undefined;
  return root.length === 0 ? undefined : { root, keysAt, keys };
}

/** Ends the last span of `spans` at `at`, when it is still open (it runs to the end of the text). */
function close(spans: TextSpan[], at: number): void {
  const last = spans[spans.length - 1];
  if (last !== undefined && last.end > at) last.end = at;
}
