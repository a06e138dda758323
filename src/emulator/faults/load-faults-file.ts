/** Reads a `--faults` file: JSON or YAML (JSON is YAML too), then the same checks as the endpoint. */
import { readRegularFile } from '../read-regular-file.js';
import { LineCounter, parseDocument } from 'yaml';
import type { FaultConfig } from './fault-types.js';
import { FaultConfigError, parseFaultConfig } from './parse-fault-config.js';

/** The checked rules of `file`; throws FaultConfigError naming the file and the bad field or line. */
export async function loadFaultsFile(file: string): Promise<FaultConfig> {
  const source = `faults file ${file}`;
  // Only a regular file is read: a named pipe would hold the start (and Ctrl-C) until someone wrote to it.
  const read = readRegularFile(file);
  if (read.status === 'missing') throw new FaultConfigError('', ['cannot read it (ENOENT)'], source);
  if (read.status === 'refused') throw new FaultConfigError('', [`it ${read.problem}`], source);
  const text = read.text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw new FaultConfigError('', [`${line}:${col}: ${first.message.split('\n')[0] ?? first.message}`], source);
  }
  return parseFaultConfig(doc.toJS() ?? {}, source);
}
