/** Loads the JSON Schemas shipped in `schemas/`, from the source tree or the installed package alike. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const SCHEMA_DIR = new URL('../schemas/', import.meta.url);
const cache = new Map<string, Promise<Record<string, unknown>>>();

export function schemaPath(name: string): string {
  return fileURLToPath(new URL(name, SCHEMA_DIR));
}

export function loadSchema(name: string): Promise<Record<string, unknown>> {
  let pending = cache.get(name);
  if (!pending) {
    pending = readFile(schemaPath(name), 'utf8').then((text) => JSON.parse(text) as Record<string, unknown>);
    cache.set(name, pending);
  }
  return pending;
}
