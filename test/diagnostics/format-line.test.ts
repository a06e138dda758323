/** The one-line form for CI logs: `file:line:col: severity: message [code]`. */
import { describe, expect, it } from 'vitest';
import { errorDiagnostic, warningDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnosticLine, formatDiagnosticsLines } from '../../src/diagnostics/format-line.js';

const sources = new Map([['k.yaml', 'version: 1\nkeys:\n  a: {}\n']]);

describe('formatDiagnosticLine', () => {
  it('puts file, line and column first and the code last', () => {
    expect(formatDiagnosticLine(errorDiagnostic('config.key-empty', 'key "a" declares nothing', { file: 'k.yaml', start: 19, end: 20 }), sources)).toBe(
      'k.yaml:3:3: error: key "a" declares nothing [config.key-empty]',
    );
  });

  it('keeps a multi-line message on one line', () => {
    expect(formatDiagnosticLine(warningDiagnostic('config.x', 'a\n  b'), sources)).toBe('warning: a b [config.x]');
  });

  it('gives the path alone when the text is unknown', () => {
    expect(formatDiagnosticLine(errorDiagnostic('config.file-not-found', 'cannot find "n.yaml"', { file: 'n.yaml', start: 0, end: 0 }), sources)).toBe(
      'n.yaml: error: cannot find "n.yaml" [config.file-not-found]',
    );
  });

  it('ends every line with a newline', () => {
    expect(formatDiagnosticsLines([errorDiagnostic('config.a', 'x'), errorDiagnostic('config.b', 'y')], sources)).toBe('error: x [config.a]\nerror: y [config.b]\n');
  });
});
