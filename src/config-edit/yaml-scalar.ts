/** How the editors write a string value: plain when YAML reads it back as the same string, else quoted. */
import { parse } from 'yaml';

export function yamlScalar(text: string): string {
  if (/^[A-Za-z0-9_./-]+$/.test(text)) {
    try {
      if (parse(text) === text) return text;
    } catch {
      // quoted below
    }
  }
  return JSON.stringify(text);
}

/** Text for a `# comment`: one line, without control characters. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
