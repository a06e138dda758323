/** Random text edits for property tests of the config and plan-file readers. */

export interface TextEdit {
  /** Where to edit; taken modulo the text's length, so any natural number is a valid place. */
  at: number;
  /** How many characters to remove there. */
  length: number;
  insert: string;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % (out.length + 1);
    out = out.slice(0, at) + e.insert + out.slice(at + e.length);
  }
  return out;
}
