import { describe, expect, test } from 'vitest';
import { splitCommand } from '../../src/kms/split-command.js';

describe('splitting a process_command', () => {
  test.each([
    ['helper --json', ['helper', '--json']],
    ['  helper   a  b ', ['helper', 'a', 'b']],
    [`"/opt/my tools/helper" 'a b' c`, ['/opt/my tools/helper', 'a b', 'c']],
    [`helper "" x`, ['helper', '', 'x']],
    [`helper "say \\"hi\\"" 'it''s'`, ['helper', 'say "hi"', 'its']],
    ['helper a\\ b', ['helper', 'a b']],
    [`helper "\\$HOME" '\\n'`, ['helper', '$HOME', '\\n']],
  ])('%j splits (off Windows) into %j', (command, words) => {
    expect(splitCommand(command, false)).toEqual(words);
  });

  test('on Windows a backslash is a path separator, and only \\" escapes inside double quotes', () => {
    expect(splitCommand('C:\\tools\\cred.exe --x', true)).toEqual(['C:\\tools\\cred.exe', '--x']);
    expect(splitCommand('"C:\\Program Files\\cred.exe" "a\\"b"', true)).toEqual(['C:\\Program Files\\cred.exe', 'a"b']);
  });

  test('an empty command and an unclosed quote are errors that do not quote the command', () => {
    expect(() => splitCommand('   ', false)).toThrow('empty');
    expect(() => splitCommand('helper "s3cret', false)).toThrow(/unclosed double quote$/);
    expect(() => splitCommand("helper 's3cret", false)).toThrow(/unclosed single quote$/);
  });
});
