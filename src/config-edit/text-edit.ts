/**
 * Text-level edits of a config file: insertions and replacements at offsets of the original text.
 * Pinning edits the file this way instead of re-stringifying the YAML document, so every byte outside
 * the edited places stays exactly as the user wrote it (comments, quoting, spacing, line breaks).
 */

export interface TextEdit {
  /** Offsets into the original text; `start === end` inserts. */
  start: number;
  end: number;
  text: string;
}

/**
 * Applies edits to the original text. Edits must not overlap; insertions at the same offset keep the
 * order they were given in.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
  let out = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new Error(`overlapping or out-of-range text edit at ${edit.start}-${edit.end}`);
    }
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** The line break the file uses: CRLF when its first line break is one, else LF. */
export function lineBreakOf(text: string): '\n' | '\r\n' {
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/** The offset where the line holding `offset` starts. */
export function lineStartAt(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/**
 * The offset just after the line break ending the line that holds `offset`, or the text's length when
 * that line is the last one and has no line break.
 */
export function nextLineStartAt(text: string, offset: number): number {
  let i = Math.max(0, offset);
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i < text.length ? i + 1 : text.length;
}

/** The column (0-based, in characters) of an offset on its line. */
export function columnAt(text: string, offset: number): number {
  return offset - lineStartAt(text, offset);
}
