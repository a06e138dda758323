/**
 * Turns pin requests into file rewrites (`kmsctl pin`, `kmsctl apply --pin`): reads each config file
 * again, edits it as text, and describes each change in a line. Problems (an entry that changed, a
 * layout that cannot be edited) come back as messages with the file position.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pinFileText } from '../config-edit/pin-file.js';
import type { AdoptRequest, PinRequest } from '../config-edit/pin-edits.js';
import type { PinRequests } from '../config-edit/pin-requests.js';
import { formatDiagnosticLine } from '../diagnostics/format-line.js';
import { lineIndexFor } from '../diagnostics/source-position.js';
import { entryName } from '../plan/entry-name.js';
import type { FileRewrite } from './rewrite-files.js';

export interface PinRewrites {
  rewrites: FileRewrite[];
  /** One line each: what could not be pinned and why. */
  problems: string[];
  pinned: number;
  adopted: number;
}

export async function pinRewrites(requests: PinRequests, cwd: string, verbs: { pin: string; adopt: string } = { pin: 'pin', adopt: 'adopt' }): Promise<PinRewrites> {
  const result: PinRewrites = { rewrites: [], problems: [], pinned: 0, adopted: 0 };
  for (const orphan of requests.orphans) result.problems.push(`${orphan.key}: the config no longer declares this key; record ${orphan.versionId} by hand`);
  for (const { file, pins, adopts } of requests.files) {
    let before: string;
    try {
      before = await readFile(resolve(cwd, file), 'utf8');
    } catch (error) {
      result.problems.push(`${file}: cannot read: ${(error as Error).message}`);
      continue;
    }
    const edited = pinFileText(file, before, pins, adopts);
    const sources = new Map([[file, before]]);
    for (const diagnostic of edited.diagnostics) result.problems.push(formatDiagnosticLine(diagnostic, sources));
    for (const problem of edited.problems) {
      const where = problem.offset === undefined ? file : `${file}:${lineIndexFor(sources, file)?.positionAt(problem.offset).line ?? 1}`;
      result.problems.push(`${where}: ${problem.key}: ${problem.message}`);
    }
    result.pinned += edited.pinned.length;
    result.adopted += edited.adopted.length;
    const summary = [...edited.pinned.map((p) => pinLine(p, verbs.pin)), ...edited.adopted.map((a) => adoptLine(a, verbs.adopt))];
    result.rewrites.push({ file, before, after: edited.after, summary });
  }
  return result;
}

function pinLine(pin: PinRequest, verb: string): string {
  return `${pin.key}: ${verb} ${entryName(pin.entry, pin.label)} to ${pin.versionId}`;
}

function adoptLine(adopt: AdoptRequest, verb: string): string {
  return `${adopt.key}: ${verb} ${adopt.versionId} (${adopt.comment})`;
}
