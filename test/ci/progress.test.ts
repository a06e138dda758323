import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isCi, isLiveTerminal, startProgress } from '../../src/cli/progress.js';

function stream(isTTY: boolean): { write(text: string): void; isTTY: boolean; text: string } {
  const out = { isTTY, text: '', write: (t: string) => void (out.text += t) };
  return out;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

describe('progress in CI logs', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('prints a plain line at every 10% of a long run, and no control character', () => {
    const stderr = stream(false);
    const progress = startProgress({ stderr, env: {} }, 'Reading keys');
    for (let done = 1; done <= 2000; done++) progress.update(done, 2000);
    progress.end();
    const lines = stderr.text.trimEnd().split('\n');
    expect(lines).toEqual(Array.from({ length: 10 }, (_, i) => `Reading keys: ${(i + 1) * 200}/2000`));
    expect(stderr.text).not.toMatch(CONTROL);
  });

  it('prints nothing for a short, quick run', () => {
    const stderr = stream(false);
    const progress = startProgress({ stderr, env: {} }, 'Reading keys');
    for (let done = 1; done <= 3; done++) progress.update(done, 3);
    progress.end();
    expect(stderr.text).toBe('');
  });

  it('prints the count every 5 seconds while a slow run makes no 10% step', () => {
    const stderr = stream(false);
    const progress = startProgress({ stderr, env: {} }, 'Creating versions');
    progress.update(1, 3);
    vi.advanceTimersByTime(5_100);
    progress.update(2, 3);
    vi.advanceTimersByTime(4_000);
    expect(stderr.text).toBe('Creating versions: 1/3\n');
    vi.advanceTimersByTime(1_100);
    expect(stderr.text).toBe('Creating versions: 1/3\nCreating versions: 2/3\n');
    progress.end();
    vi.advanceTimersByTime(20_000);
    expect(stderr.text.split('\n')).toHaveLength(3);
  });

  it('uses CI lines on a terminal when CI=true', () => {
    const stderr = stream(true);
    expect(isLiveTerminal({ stderr, env: { CI: 'true' } })).toBe(false);
    const progress = startProgress({ stderr, env: { CI: 'true' } }, 'Reading keys');
    for (let done = 1; done <= 40; done++) progress.update(done, 40);
    progress.end();
    expect(stderr.text).not.toMatch(CONTROL);
    expect(stderr.text.split('\n')[0]).toBe('Reading keys: 4/40');
  });

  it('reads CI the way CI services set it', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({})).toBe(false);
  });
});

describe('progress on a terminal', () => {
  it('rewrites one line with \\r and clears it at the end', () => {
    let now = 0;
    const stderr = stream(true);
    const progress = startProgress({ stderr, env: {} }, 'Reading keys', { now: () => now });
    progress.update(1, 4);
    now += 200;
    progress.update(2, 4);
    progress.update(3, 4); // within the redraw interval: not drawn
    now += 200;
    progress.update(4, 4);
    progress.end();
    expect(stderr.text).toBe('\rReading keys: 1/4 (25%)\rReading keys: 2/4 (50%)\rReading keys: 4/4 (100%)\r                        \r');
  });

  it('clears the line before other output and draws it again after', () => {
    const stderr = stream(true);
    const progress = startProgress({ stderr, env: {} }, 'Creating versions');
    progress.update(1, 2);
    progress.print(() => stderr.write('result\n'));
    progress.end();
    expect(stderr.text).toBe('\rCreating versions: 1/2 (50%)\r                            \rresult\n\rCreating versions: 1/2 (50%)\r                            \r');
  });
});
