/**
 * Version IDs are opaque: UUIDs on the classic KMS (`2ab1a983-7072-4bbc-a582-584b5bd8aaaa`), the key ID
 * and a suffix on a KMS instance (`key-hzz62f1cb66fa42qo1234-20v29b5678`). A config checks only that one
 * has a sane length and character set, and compares them as written, except that UUIDs compare
 * case-blind (the service writes them in lowercase; people paste them in either case). Every comparison
 * of version IDs (config rules, pinning, planning) goes through `idKey` or `sameId`.
 */
import { CONFIG_CODES } from './codes.js';
import type { ShapeProblem } from './key-ids.js';

/** Long enough to catch a label written as an id (`id: 2026-q4`), short enough to stay an identifier. */
export const MIN_VERSION_ID_LENGTH = 8;
export const MAX_VERSION_ID_LENGTH = 128;
export const VERSION_ID_PATTERN = `^[A-Za-z0-9][A-Za-z0-9_-]{${MIN_VERSION_ID_LENGTH - 1},${MAX_VERSION_ID_LENGTH - 1}}$`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** The form two IDs are compared in: a UUID in lowercase, anything else as written. */
export function idKey(id: string): string {
  return id.length === 36 && UUID.test(id) ? id.toLowerCase() : id;
}

/** True when two key or version IDs name the same thing. */
export function sameId(a: string, b: string): boolean {
  return idKey(a) === idKey(b);
}

/** Why a version ID is malformed, or undefined when it is fine. */
export function versionIdProblem(id: string): ShapeProblem {
  if (new RegExp(VERSION_ID_PATTERN, 'u').test(id)) return undefined;
  const code = CONFIG_CODES.badVersionId;
  if (id === '') return { code, reason: 'the version ID is empty' };
  const bad = /[^A-Za-z0-9_-]/u.exec(id);
  if (bad) return { code, reason: `a version ID holds only letters, digits, "-" and "_", not ${JSON.stringify(bad[0])}` };
  if (!/^[A-Za-z0-9]/u.test(id)) return { code, reason: 'a version ID starts with a letter or digit' };
  if (id.length < MIN_VERSION_ID_LENGTH) return { code, reason: `too short for a version ID (${id.length} characters; IDs the service gives have 30 or more)` };
  return { code, reason: `a version ID is at most ${MAX_VERSION_ID_LENGTH} characters long, this one has ${id.length}` };
}
