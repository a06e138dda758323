/**
 * How much config kmsctl reads, decided before anything is parsed. Real configs are far below: a fleet of
 * 10,000 keys with ten pinned versions each is about 6 MB. Parsing costs memory in proportion: the fast
 * reader about 35 bytes per byte of a clean file (a 6 MB config peaks near 250 MB), the full reader,
 * which every file with a mistake goes through, about 70 (a 16 MB file with one typo peaked at 1.2 GB
 * and took 30 s). Without a bound, a generated or hostile config of 50 MB took gigabytes. These figures
 * leave room for fleets well beyond the service's quotas and keep the worst case within a CI machine.
 */

/** One file (or standard input): 8 MiB. */
export const MAX_CONFIG_FILE_BYTES = 8 * 1024 * 1024;
/** All the files of a config together: 16 MiB. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** 16777216 → "16 MiB", for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
