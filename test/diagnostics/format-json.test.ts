/** The JSON form: message, code, 1-based line and column with the offset, end exclusive. */
import { describe, expect, it } from 'vitest';
import { errorDiagnostic, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { diagnosticsToJson } from '../../src/diagnostics/format-json.js';

const TEXT = 'version: 1\nkeys:\n  a:\n    maxage: 90d\n';
const sources = new Map([['k.yaml', TEXT]]);

describe('diagnosticsToJson', () => {
  it('gives start and end as line, column and offset', () => {
    const start = TEXT.indexOf('maxage');
    const [json] = diagnosticsToJson([errorDiagnostic('config.unknown-field', 'unknown field "maxage"', { file: 'k.yaml', start, end: start + 6 }, 'did you mean "maxAge"?')], sources);
    expect(json).toEqual({
      severity: 'error',
      code: 'config.unknown-field',
      message: 'unknown field "maxage"',
      detail: 'did you mean "maxAge"?',
      file: 'k.yaml',
      start: { line: 4, column: 5, offset: start },
      end: { line: 4, column: 11, offset: start + 6 },
    });
  });

  it('omits what a diagnostic does not have', () => {
    expect(diagnosticsToJson([errorDiagnostic('config.bad-region', 'bad region')], sources)).toEqual([{ severity: 'error', code: 'config.bad-region', message: 'bad region' }]);
  });

  it('gives the file without positions when its text is unknown', () => {
    const [json] = diagnosticsToJson([errorDiagnostic('config.file-not-found', 'cannot find', { file: 'nope.yaml', start: 0, end: 0 })], sources);
    expect(json).toEqual({ severity: 'error', code: 'config.file-not-found', message: 'cannot find', file: 'nope.yaml' });
  });

  it('lists related places with their positions', () => {
    const d: Diagnostic = { ...errorDiagnostic('config.duplicate-key', 'twice', { file: 'k.yaml', start: 13, end: 14 }), related: [{ message: 'first', source: { file: 'k.yaml', start: 0, end: 7 } }] };
    expect(diagnosticsToJson([d], sources)[0]!.related).toEqual([
      { message: 'first', file: 'k.yaml', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 8, offset: 7 } },
    ]);
  });

  it('survives a JSON round trip unchanged', () => {
    const list = diagnosticsToJson([errorDiagnostic('config.x', 'm', { file: 'k.yaml', start: 0, end: 1 })], sources);
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
  });
});
