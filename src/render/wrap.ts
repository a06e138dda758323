/** Wrapping of text output to the width of a terminal (or of a log line), at spaces where it can. */

/**
 * `text` as lines of at most `width` characters: the first prefixed by `first`, the others by `rest`
 * (both count towards the width). A word longer than a line (an ID, a URL) keeps its own line whole.
 */
export function wrapText(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/ +/)) {
    if (word === '') continue;
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}
