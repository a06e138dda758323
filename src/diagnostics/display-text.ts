/**
 * Text from a config (a source line, a value, a file name) made safe to print on a terminal: control
 * characters (ESC, CR, BEL, DEL, the C1 range) and the bidirectional overrides a reader cannot see are
 * shown escaped, so that a config cannot move the cursor, paint a fake message or reorder what is read.
 * Every formatter that echoes text it did not write itself goes through here.
 */

/** C0 controls but tab, DEL and C1, the bidi embeddings, overrides and isolates, and the marks. */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const UNSAFE_OR_TAB = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const SHORT: Record<string, string> = { '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One character as shown: `\r`, `\n`, `\u001b`, ... */
export function escapeCharacter(character: string): string {
  return SHORT[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text with every unsafe character escaped; tabs kept when `keepTabs` (source lines keep their layout). */
export function displayText(text: string, options: { keepTabs?: boolean } = {}): string {
  return text.replace(options.keepTabs === true ? UNSAFE : UNSAFE_OR_TAB, escapeCharacter);
}

const UNSAFE_ONE = new RegExp(UNSAFE.source, 'u');

/** How one character (one UTF-16 unit) of a source line is shown: escaped when unsafe, else as it is. */
export function sourceCharacter(character: string): string {
  return UNSAFE_ONE.test(character) ? escapeCharacter(character) : character;
}
