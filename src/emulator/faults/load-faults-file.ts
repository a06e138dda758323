/** Reads a `--faults` file: JSON or YAML (JSON is YAML too), then the same checks as the endpoint. */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import type { FaultConfig } from './fault-types.js';
import { FaultConfigError, parseFaultConfig } from './parse-fault-config.js';

/** The checked rules of `file`; throws FaultConfigError naming the file and the bad field or line. */
export async function loadFaultsFile(file: string): Promise<FaultConfig> {
  const source = `faults file ${file}`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new FaultConfigError('', [`cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`], source);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw new FaultConfigError('', [`${line}:${col}: ${first.message.split('\n')[0] ?? first.message}`], source);
  }
  return parseFaultConfig(doc.toJS() ?? {}, source);
}
