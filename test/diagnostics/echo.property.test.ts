/**
 * Whatever text a config holds, and wherever a diagnostic echoes it (source line, summary, detail, note,
 * file name), the text, line and GitHub formatters print no control character a terminal acts on, and
 * keep the shown line short.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnosticsGithub } from '../../src/diagnostics/format-github.js';
import { formatDiagnosticsLines } from '../../src/diagnostics/format-line.js';
import { formatDiagnosticsText } from '../../src/diagnostics/format-text.js';
import { MAX_SNIPPET_WIDTH } from '../../src/diagnostics/source-snippet.js';

const RUNS = Number(process.env['KMSCTL_PROPERTY_RUNS'] ?? 150);
/** What a terminal acts on: C0 but TAB and LF (our own line breaks), DEL, C1, bidi controls. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.constantFrom('\u001b[2J', '\u001b]0;x\u0007', '\r', '\n', '\t', '\u009b', '\u202e', 'x'.repeat(150), 'é', '😀', ' '), { maxLength: 12 }).map((p) => p.join('')),
);

describe('the formatters, on any text', () => {
  it('echo no active control character and no line longer than the window', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, fc.nat(), fc.nat(), (source, summary, detail, file, a, b) => {
        const start = source.length === 0 ? 0 : a % (source.length + 1);
        const end = start + (source.length === 0 ? 0 : b % (source.length - start + 1));
        const range = { file, start, end };
        const diagnostic: Diagnostic = { severity: 'error', code: 'config.x', summary, detail, source: range, related: [{ message: summary, source: range }] };
        const sources = new Map([[file, source]]);
        for (const out of [formatDiagnosticsText([diagnostic], sources, { color: false }), formatDiagnosticsLines([diagnostic], sources), formatDiagnosticsGithub([diagnostic], sources)]) {
          expect(out).not.toMatch(ACTIVE);
        }
        const text = formatDiagnosticsText([diagnostic], sources, { color: false });
        for (const line of text.split('\n').filter((l) => /^\s*\d+ \|/u.test(l))) expect(line.length).toBeLessThanOrEqual(MAX_SNIPPET_WIDTH + 20);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
