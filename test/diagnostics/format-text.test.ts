/** The text form: header with code, `-->` location, the offending line, a caret under the range. */
import { describe, expect, it } from 'vitest';
import { errorDiagnostic, warningDiagnostic, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnosticsText } from '../../src/diagnostics/format-text.js';

const TEXT = ['version: 1', 'keys:', '  payments-signing:', '    keyId: alias/payments-signing', '    rotation:', '      maxage: 90d', ''].join('\n');
const sources = new Map([['kmsctl.yaml', TEXT]]);
const at = (needle: string, length = needle.length) => ({ file: 'kmsctl.yaml', start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + length });
const plain = (diagnostics: Diagnostic[], files: ReadonlyMap<string, string> = sources) => formatDiagnosticsText(diagnostics, files, { color: false });

describe('formatDiagnosticsText', () => {
  it('shows the code, the location, the line and a caret under the range, then the detail', () => {
    const d = errorDiagnostic('config.unknown-field', 'unknown field "maxage" in rotation of key "payments-signing"', at('maxage'), 'did you mean "maxAge"?');
    expect(plain([d]).split('\n')).toEqual([
      'error[config.unknown-field]: unknown field "maxage" in rotation of key "payments-signing"',
      ' --> kmsctl.yaml:6:7',
      '  |',
      '6 |       maxage: 90d',
      '  |       ^^^^^^',
      '  = did you mean "maxAge"?',
      '',
    ]);
  });

  it('widens the gutter to the line number', () => {
    const text = `${'#\n'.repeat(11)}      maxage: 90d\n`;
    const d = errorDiagnostic('config.unknown-field', 'unknown field', { file: 'k.yaml', start: text.indexOf('maxage'), end: text.indexOf('maxage') + 6 }, 'did you mean "maxAge"?');
    expect(plain([d], new Map([['k.yaml', text]])).split('\n')).toEqual([
      'error[config.unknown-field]: unknown field',
      '  --> k.yaml:12:7',
      '   |',
      '12 |       maxage: 90d',
      '   |       ^^^^^^',
      '   = did you mean "maxAge"?',
      '',
    ]);
  });

  it('underlines a range over several lines up to the end of its first line', () => {
    const d = errorDiagnostic('config.x', 'm', { file: 'kmsctl.yaml', start: TEXT.indexOf('rotation'), end: TEXT.length });
    expect(plain([d]).split('\n').slice(3, 5)).toEqual(['5 |     rotation:', '  |     ^^^^^^^^^']);
  });

  it('draws one caret for an empty range, also at the end of the file', () => {
    const d = errorDiagnostic('config.x', 'm', { file: 'kmsctl.yaml', start: TEXT.length, end: TEXT.length });
    expect(plain([d]).split('\n').slice(1, 5)).toEqual([' --> kmsctl.yaml:7:1', '  |', '7 |', '  | ^']);
  });

  it('keeps tabs in the padding so the caret lines up', () => {
    const text = '\tkey:\tvalue\n';
    const d = errorDiagnostic('config.x', 'm', { file: 't.yaml', start: 6, end: 11 });
    expect(plain([d], new Map([['t.yaml', text]])).split('\n').slice(3, 5)).toEqual(['1 | \tkey:\tvalue', '  | \t    \t^^^^^']);
  });

  it('shows the path alone when the file text is unknown, and nothing when there is no source', () => {
    const missing = errorDiagnostic('config.file-not-found', 'cannot find "nope.yaml"', { file: 'nope.yaml', start: 0, end: 0 });
    const bare = errorDiagnostic('config.bad-region', 'bad region', undefined, 'expected cn-hangzhou');
    expect(plain([missing, bare]).split('\n')).toEqual([
      'error[config.file-not-found]: cannot find "nope.yaml"',
      ' --> nope.yaml',
      '',
      'error[config.bad-region]: bad region',
      '  = expected cn-hangzhou',
      '',
    ]);
  });

  it('shows related places as notes with their own snippet', () => {
    const d: Diagnostic = { ...errorDiagnostic('config.duplicate-key', 'declared twice', at('payments-signing:', 16)), related: [{ message: 'first declared here', source: at('alias/payments-signing') }] };
    expect(plain([d]).split('\n')).toEqual([
      'error[config.duplicate-key]: declared twice',
      ' --> kmsctl.yaml:3:3',
      '  |',
      '3 |   payments-signing:',
      '  |   ^^^^^^^^^^^^^^^^',
      'note: first declared here',
      ' --> kmsctl.yaml:4:12',
      '  |',
      '4 |     keyId: alias/payments-signing',
      '  |            ----------------------',
      '',
    ]);
  });

  it('indents the continuation lines of a detail', () => {
    const d = errorDiagnostic('config.x', 'm', undefined, 'first\nsecond');
    expect(plain([d]).split('\n')).toEqual(['error[config.x]: m', '  = first', '    second', '']);
  });

  it('labels warnings as warnings and separates diagnostics with a blank line', () => {
    const out = plain([warningDiagnostic('config.no-keys', 'no keys'), errorDiagnostic('config.x', 'm')]);
    expect(out).toBe('warning[config.no-keys]: no keys\n\nerror[config.x]: m\n');
  });

  it('has no escape sequences without colour and colours the header with it', () => {
    const d = errorDiagnostic('config.unknown-field', 'unknown field', at('maxage'));
    expect(plain([d])).not.toContain('\u001b');
    const coloured = formatDiagnosticsText([d], sources, { color: true });
    expect(coloured).toContain('\u001b[1m\u001b[31merror[config.unknown-field]\u001b[39m\u001b[22m');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain([d]));
  });

  it('is empty for no diagnostics', () => {
    expect(plain([])).toBe('');
  });
});
