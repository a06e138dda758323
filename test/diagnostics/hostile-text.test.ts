/**
 * What a config can put in front of a reader: control characters are shown escaped in every echoed line
 * and value, a long line is shown as a window around the error, and the number of diagnostics is bounded.
 */
import { describe, expect, it } from 'vitest';
import { capDiagnostics, formatCount } from '../../src/diagnostics/cap-diagnostics.js';
import { errorDiagnostic, warningDiagnostic, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { displayText } from '../../src/diagnostics/display-text.js';
import { formatDiagnosticsGithub } from '../../src/diagnostics/format-github.js';
import { formatDiagnosticsLines } from '../../src/diagnostics/format-line.js';
import { formatDiagnosticsText } from '../../src/diagnostics/format-text.js';
import { MAX_SNIPPET_WIDTH, snippetLine } from '../../src/diagnostics/source-snippet.js';

/** Control characters a terminal acts on (C0 but tab and LF, DEL, C1) and the bidi controls. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

describe('displayText', () => {
  it.each([
    ['\u001b[2J\u001b[Hvalid', '\\u001b[2J\\u001b[Hvalid'],
    ['a\rb', 'a\\rb'],
    ['bell\u0007', 'bell\\u0007'],
    ['del\u007f c1\u009b', 'del\\u007f c1\\u009b'],
    ['abc\u202edcba', 'abc\\u202edcba'],
    ['tab\there', 'tab\\there'],
    ['plain text, 季度 ✓', 'plain text, 季度 ✓'],
  ])('shows %j as %j', (text, shown) => {
    expect(displayText(text)).toBe(shown);
  });

  it('keeps tabs when asked (source lines keep their layout)', () => {
    expect(displayText('a\tb\u001b', { keepTabs: true })).toBe('a\tb\\u001b');
  });
});

describe('a source line that holds control characters', () => {
  const text = 'version: 1\nkeys:\n  a:\n    keyId: "\u001b[1A\u001b[2K\rThe configuration is valid\u001b[8m"\n';
  const sources = new Map([['k.yaml', text]]);
  const start = text.indexOf('"');
  const d = errorDiagnostic('config.bad-key-id', `bad key ID ${JSON.stringify('\u001b[1A')} \u001b[31m`, { file: 'k.yaml', start, end: text.indexOf('\n', start) }, 'detail \u001b]0;title\u0007');

  it('is shown escaped by the text, line and GitHub formatters, with no active control character left', () => {
    for (const out of [formatDiagnosticsText([d], sources, { color: false }), formatDiagnosticsLines([d], sources), formatDiagnosticsGithub([d], sources)]) {
      expect(out.replace(/\n/g, '')).not.toMatch(ACTIVE);
      expect(out).toContain('\\u001b');
    }
  });

  it('keeps the caret under the escaped range', () => {
    const lines = formatDiagnosticsText([d], sources, { color: false }).split('\n');
    const line = lines.find((l) => l.startsWith('4 |'))!;
    const caret = lines[lines.indexOf(line) + 1]!;
    expect(line.indexOf('"')).toBe(caret.indexOf('^'));
    expect(caret.trimEnd().length).toBe(line.length);
  });

  it('escapes a file name that holds control characters', () => {
    const named = errorDiagnostic('config.x', 'm', { file: 'a\u001b[2J.yaml', start: 0, end: 0 });
    expect(formatDiagnosticsText([named], new Map(), { color: false })).toContain('a\\u001b[2J.yaml');
  });
});

describe('a long source line', () => {
  it('is shown as a window around the range, with the caret in it', () => {
    const value = 'x'.repeat(2_000_000);
    const text = `version: 1\nkeys:\n  a:\n    keyId: alias/a\n    versions: [{label: "${value}"}, {lable: y}]\n`;
    const start = text.indexOf('lable');
    const out = formatDiagnosticsText([errorDiagnostic('config.unknown-field', 'unknown field "lable"', { file: 'k.yaml', start, end: start + 5 })], new Map([['k.yaml', text]]), { color: false });
    expect(out.length).toBeLessThan(1_000);
    const lines = out.split('\n');
    const shown = lines.find((l) => l.startsWith('5 |'))!;
    const caret = lines[lines.indexOf(shown) + 1]!;
    expect(shown.slice(caret.indexOf('^'), caret.indexOf('^') + 5)).toBe('lable');
    expect(caret.trim()).toMatch(/^\| +\^{5}$/);
    expect(shown).toMatch(/^5 \| \.\.\.x+"\}, \{lable: y\}\]$/);
  });

  it('keeps a range longer than the window inside the window', () => {
    const line = `label: ${'y'.repeat(500)}`;
    const shown = snippetLine(line, 7, line.length);
    expect(shown.text.length).toBeLessThanOrEqual(MAX_SNIPPET_WIDTH);
    expect(shown.text.endsWith('...')).toBe(true);
    expect(shown.padding.length + shown.marks).toBeLessThanOrEqual(shown.text.length);
  });

  it('is left whole up to the width', () => {
    const line = 'k'.repeat(MAX_SNIPPET_WIDTH);
    expect(snippetLine(line, 10, 12)).toEqual({ text: line, padding: ' '.repeat(10), marks: 2 });
  });
});

describe('capDiagnostics', () => {
  const many = (n: number, make: (i: number) => Diagnostic) => Array.from({ length: n }, (_, i) => make(i));

  it('keeps the first ones and says how many more there were', () => {
    const all = [...many(4_860, (i) => errorDiagnostic('config.region-missing', `key ${i}`)), ...many(2, () => warningDiagnostic('config.w', 'w'))];
    const capped = capDiagnostics(all, 'config.more-diagnostics', 50);
    expect(capped.diagnostics).toHaveLength(51);
    expect(capped.diagnostics.slice(0, 50)).toEqual(all.slice(0, 50));
    expect(capped.diagnostics[50]).toMatchObject({ severity: 'error', code: 'config.more-diagnostics', summary: 'and 4,812 more (4,810 errors and 2 warnings) not shown' });
    expect([capped.errors, capped.warnings]).toEqual([4_860, 2]);
  });

  it('adds nothing when all fit, and a warning when only warnings were left out', () => {
    expect(capDiagnostics(many(3, () => errorDiagnostic('c', 's')), 'x', 3).diagnostics).toHaveLength(3);
    expect(capDiagnostics(many(5, () => warningDiagnostic('c', 's')), 'x', 3).diagnostics[3]!.severity).toBe('warning');
  });

  it.each([[0, '0'], [999, '999'], [1_000, '1,000'], [4_812, '4,812'], [1_234_567, '1,234,567']])('writes %i as %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });
});
