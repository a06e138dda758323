/** How plans and renderers name an entry of a key's `versions` list: `versions[2] "2026-q1"`. */
export function entryName(entry: number, label: string | undefined): string {
  return label === undefined ? `versions[${entry}]` : `versions[${entry}] ${JSON.stringify(label)}`;
}
