/**
 * One config file parsed and checked against the schema. A plain file the schema accepts is read by the
 * fast parser (fast-config-yaml.ts); every other file by yaml, whose document places each diagnostic.
 * A fast read answers the ranges it cannot place exactly with a stand-in and says so (`missed`): the
 * loader then reads the config again with yaml (load-config.ts).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CheckedFile } from './config-locator.js';
import { configValidator } from './config-validator.js';
import { fastParseConfig, recordingLocator } from './fast-config-yaml.js';
import { passedSchema } from './schema-result.js';

export type Parser = 'fast' | 'yaml';

export interface FileCheck {
  value: CheckedFile | undefined;
  diagnostics: Diagnostic[];
  /** True when a range was asked of a fast read that only yaml gives exactly. */
  missed(): boolean;
}

const NEVER = (): boolean => false;

export async function checkFile(path: string, text: string, parser: Parser): Promise<FileCheck> {
  const parsed = parser === 'fast' ? fastParseConfig(path, text) : undefined;
  if (parsed && (await configValidator())(parsed.value)) {
    const recording = recordingLocator(path, parsed.positions);
    return { value: { path, written: parsed.value, locator: recording.locator, schema: passedSchema(parsed.value) }, diagnostics: [], missed: recording.missed };
  }
  const { readWithYaml } = await import('./read-with-yaml.js');
  return { ...(await readWithYaml(path, text)), missed: NEVER };
}
