import { describe, expect, it } from 'vitest';
import { errorDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { escapeAnnotationData, escapeAnnotationProperty, formatAnnotation, formatDiagnosticsGithub } from '../../src/diagnostics/format-github.js';

describe('GitHub workflow annotations', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeAnnotationData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeAnnotationProperty('dir:a,b%\n')).toBe('dir%3Aa%2Cb%25%0A');
  });

  it('writes the properties in the documented order and leaves out absent ones', () => {
    expect(formatAnnotation({ level: 'error', title: 'kmsctl plan', message: 'k: not found' })).toBe('::error title=kmsctl plan::k: not found');
    expect(formatAnnotation({ level: 'warning', file: 'a,b.yaml', line: 3, col: 5, endLine: 3, endColumn: 9, title: 't:1', message: 'm' })).toBe(
      '::warning file=a%2Cb.yaml,line=3,col=5,endLine=3,endColumn=9,title=t%3A1::m',
    );
  });

  it('turns a diagnostic into an annotation on its range, with the code as title', () => {
    const text = 'version: 1\nkeys:\n  k:\n    keyId: alias/k\n    maxage: 90d\n';
    const start = text.indexOf('maxage');
    const diagnostic = errorDiagnostic('config.unknown-field', 'unknown field "maxage"', { file: 'kmsctl.yaml', start, end: start + 6 }, 'did you mean "rotation.maxAge"?');
    expect(formatDiagnosticsGithub([diagnostic], new Map([['kmsctl.yaml', text]]))).toBe(
      '::error file=kmsctl.yaml,line=5,col=5,endLine=5,endColumn=10,title=kmsctl config.unknown-field::unknown field "maxage"%0Adid you mean "rotation.maxAge"?\n',
    );
  });

  it('gives lines without columns for a range over several lines, and only the file when its text is unknown', () => {
    const text = 'a\nbb\nccc\n';
    const spanning = errorDiagnostic('x.y', 'm', { file: 'f.yaml', start: 0, end: 6 });
    expect(formatDiagnosticsGithub([spanning], new Map([['f.yaml', text]]))).toBe('::error file=f.yaml,line=1,endLine=3,title=kmsctl x.y::m\n');
    expect(formatDiagnosticsGithub([spanning], new Map())).toBe('::error file=f.yaml,title=kmsctl x.y::m\n');
  });
});
