/**
 * Reads a config file with yaml: parse, then the schema, each problem placed in the file. Every file the
 * fast parser does not vouch for comes here; check-file.ts imports this module only then, so that a
 * run over clean configs never loads yaml.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CheckedFile } from './config-locator.js';
import { documentLocator } from './document-locator.js';
import { parseConfigYaml } from './parse-yaml.js';
import { checkSchema } from './schema-check.js';

export async function readWithYaml(path: string, text: string): Promise<{ value: CheckedFile | undefined; diagnostics: Diagnostic[] }> {
  const parsed = parseConfigYaml(path, text);
  if (!parsed.value) return { value: undefined, diagnostics: parsed.diagnostics };
  const schema = await checkSchema(parsed.value);
  return {
    value: { path, written: parsed.value.value, locator: documentLocator(parsed.value.document, path), schema },
    diagnostics: [...parsed.diagnostics, ...schema.diagnostics],
  };
}
