/**
 * How much config kmsctl reads, decided before anything is parsed. Real configs are far below: a fleet of
 * 10,000 keys with ten pinned versions each is about 6 MB in one file. Parsing costs memory in proportion
 * (the fast reader peaks near 50 bytes per byte of YAML, the full one more), so without a bound a
 * generated or hostile file of some tens of megabytes took gigabytes and tens of seconds. The figures
 * leave room for fleets well beyond the service's quotas while keeping a run within a CI machine.
 */

/** One file (or standard input): 16 MiB. */
export const MAX_CONFIG_FILE_BYTES = 16 * 1024 * 1024;
/** All the files of a config together: 32 MiB. */
export const MAX_CONFIG_BYTES = 32 * 1024 * 1024;

/** 16777216 → "16 MiB", for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
