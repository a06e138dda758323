import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/command-table.js';
import { runCli } from '../../src/cli/main.js';
import { capturedContext } from './captured-context.js';

describe('the command table', () => {
  it('loads, for every entry, the command of the same name', async () => {
    for (const entry of COMMANDS) expect((await entry.load()).name).toBe(entry.name);
  });

  it('lists every command with its summary in kmsctl --help, and the summary heads its own help', async () => {
    const main = capturedContext({ env: {}, cwd: '/' });
    expect(await runCli(['--help'], main)).toBe(0);
    for (const entry of COMMANDS) {
      expect(main.out()).toMatch(new RegExp(`\\n  ${entry.name} +${entry.summary.replace(/[()]/g, '\\$&')}\\n`));
      const own = capturedContext({ env: {}, cwd: '/' });
      expect(await runCli([entry.name, '--help'], own)).toBe(0);
      expect(own.out().split('\n')[2]).toBe(entry.summary);
    }
  });
});
